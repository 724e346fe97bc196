package lexgate.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response additions of issue 18 (supervision, reasons[].fineTier, exposure) survive JSON both ways; absent stays absent. */
class DecisionJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void additionsRoundTrip() throws Exception {
        var lead = new Decision.AuthorityRef("ie-dpc", "Data Protection Commission", "IE");
        var cnil = new Decision.AuthorityRef("fr-cnil", "CNIL", "FR");
        var cite = new Decision.CitationRef("eu-gdpr:A56-1", "GDPR Art. 56(1)", null);
        Decision d = new Decision("id", Decision.Outcome.DENY, false, "2026-11-28", null, new Decision.RulesetRef("v", "sha256:x"),
                List.of(new Decision.Reason("r1", "DENY", "EU", List.of(), "why", "83(5)"),
                        new Decision.Reason("r2", "REVIEW", "EU", List.of(), "why")),
                List.of(), List.of(), null, "en", new Decision.Supervision(lead, List.of(cnil), List.of(cite)),
                new Decision.Exposure("83(5)", "EUR 20 000 000 or 4 %"));
        String json = mapper.writeValueAsString(d);
        assertTrue(json.contains("\"fineTier\":\"83(5)\""), json);
        assertEquals(1, json.split("fineTier", -1).length - 1, "a reason without a tier has no fineTier: " + json);
        Decision back = mapper.readValue(json, Decision.class);
        assertEquals(d, back);
    }

    @Test
    void aDecisionStoredBeforeHasNone() throws Exception {
        String old = """
                {"decisionId":"id","outcome":"ALLOW","allowed":true,"asOf":"2026-11-28",
                 "reasons":[{"rule":"r","effect":"PERMIT","jurisdiction":"EU","citations":[],"explanation":"x"}],
                 "obligations":[],"missing":[]}""";
        Decision d = mapper.readValue(old, Decision.class);
        assertNull(d.supervision());
        assertNull(d.exposure());
        assertNull(d.reasons().get(0).fineTier());
        String json = mapper.writeValueAsString(d);
        assertFalse(json.contains("supervision") || json.contains("exposure") || json.contains("fineTier"), json);
    }
}
