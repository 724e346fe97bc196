package lexgate.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expectations issue 18 added (supervision, fineTiers, exposure) are read strictly, like the others. */
class ScenarioExpectationsTest {
    private static final String HEAD = """
            - name: s
              request: { asOf: "2026-11-28" }
              expect:
                outcome: DENY
            """;

    @Test
    void readsTheNewExpectations() {
        List<Scenario> s = ScenarioLoader.parse("x.scenarios.yaml", HEAD + """
                    supervision: { lead: ie-dpc, concerned: [fr-cnil, de-land] }
                    fineTiers: { eu.gdpr.a12-14.no-notice: "83(5)", fr.ldl.a82.no-consent: none }
                    exposure: "83(5)"
                """);
        Scenario.Expect x = s.get(0).expect();
        assertEquals(new Scenario.Supervision("ie-dpc", List.of("fr-cnil", "de-land")), x.supervision());
        assertEquals(Map.of("eu.gdpr.a12-14.no-notice", "83(5)", "fr.ldl.a82.no-consent", "none"), x.fineTiers());
        assertEquals("83(5)", x.exposure());
        Scenario.Expect plain = ScenarioLoader.parse("y.scenarios.yaml", HEAD).get(0).expect();
        assertNull(plain.supervision());
        assertNull(plain.exposure());
        assertTrue(plain.fineTiers().isEmpty());
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        for (String bad : List.of(
                "    supervison: { lead: ie-dpc }\n",
                "    supervision: { lead: ie-dpc, concernd: [fr-cnil] }\n",
                "    supervision: { concerned: [fr-cnil] }\n",
                "    supervision: ie-dpc\n",
                "    supervision: { lead: ie-dpc, concerned: fr-cnil }\n",
                "    fineTiers: { eu.gdpr.a12-14.no-notice: \"83(7)\" }\n",
                "    fineTiers: [83(5)]\n",
                "    exposure: \"4 %\"\n")) {
            ScenarioLoader.Invalid e = assertThrows(ScenarioLoader.Invalid.class,
                    () -> ScenarioLoader.parse("x.scenarios.yaml", HEAD + bad), bad);
            assertTrue(e.problems().get(0).startsWith("x.scenarios.yaml:"), e.getMessage());
        }
    }
}
