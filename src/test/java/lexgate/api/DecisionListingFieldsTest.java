package lexgate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import lexgate.store.DecisionIndex;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A listing reads three values of each stored decision with the streaming parser; it must find what
 * reading the whole tree finds ({@link DecisionIndex#rules}), and nothing nested deeper.
 */
class DecisionListingFieldsTest {
    private final DecisionListing listing = listing();

    private static DecisionListing listing() {
        DecisionListing l = new DecisionListing();
        l.mapper = new ObjectMapper();
        return l;
    }

    @Test
    void rulesAndEvaluatedAtAsTheTreeHasThem() throws Exception {
        String response = """
                {"decisionId":"d1","obligations":[{"rule":"gdpr-a13-inform","citations":[{"id":"eu-gdpr:A13","rule":"not-this"}]},
                 {"rule":"gdpr-a21-objection"}],
                 "nested":{"reasons":[{"rule":"not-this-either"}]},
                 "reasons":[{"rule":"gdpr-a6-1-f"},"odd",{"rule":"gdpr-a21-objection"},{"rule":7},{"citations":[]}],
                 "evaluatedAt":"2026-12-04T10:00:00Z"}""";
        DecisionListing.Listed l = listing.listed(response);
        assertEquals("2026-12-04T10:00:00Z", l.evaluatedAt());
        assertEquals(List.of("gdpr-a6-1-f", "gdpr-a21-objection", "gdpr-a13-inform"), l.rules());
        assertEquals(DecisionIndex.rules(new ObjectMapper().readTree(response)), l.rules());
        assertNull(listing.listed("{\"reasons\":[]}").evaluatedAt());
    }

    @Test
    void controllerNameOnlyFromTheTopLevelController() {
        assertEquals("Shop, \"Quoted\"", listing.controllerName(
                "{\"operationId\":\"x\",\"purpose\":{\"name\":\"no\"},\"controller\":{\"establishment\":\"FR\",\"name\":\"Shop, \\\"Quoted\\\"\"}}"));
        assertNull(listing.controllerName("{\"controller\":{\"name\":null}}"));
        assertNull(listing.controllerName("{\"controller\":\"flat\",\"other\":{\"controller\":{\"name\":\"deep\"}}}"));
        assertNull(listing.controllerName("{}"));
    }
}
