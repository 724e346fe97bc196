package lexgate.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listing's values: read from the JSON with the streaming parser they must be what reading the
 * whole tree finds ({@link DecisionIndex#rules}), and nothing nested deeper; stored in the listing
 * columns they must come back as they went in, and a column that disagrees with the JSON is named.
 */
class ListedValuesTest {
    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    @Test
    void rulesAndEvaluatedAtAsTheTreeHasThem() throws Exception {
        String response = """
                {"decisionId":"d1","obligations":[{"rule":"gdpr-a13-inform","citations":[{"id":"eu-gdpr:A13","rule":"not-this"}]},
                 {"rule":"gdpr-a21-objection"}],
                 "nested":{"reasons":[{"rule":"not-this-either"}]},
                 "reasons":[{"rule":"gdpr-a6-1-f"},"odd",{"rule":"gdpr-a21-objection"},{"rule":7},{"citations":[]}],
                 "evaluatedAt":"2026-12-04T10:00:00Z"}""";
        ListedValues.Listed l = ListedValues.fromResponse(JSON, response);
        assertEquals("2026-12-04T10:00:00Z", l.evaluatedAt());
        assertEquals(List.of("gdpr-a6-1-f", "gdpr-a21-objection", "gdpr-a13-inform"), l.rules());
        assertEquals(DecisionIndex.rules(new ObjectMapper().readTree(response)), l.rules());
        assertNull(ListedValues.fromResponse(JSON, "{\"reasons\":[]}").evaluatedAt());
    }

    @Test
    void controllerNameOnlyFromTheTopLevelController() {
        assertEquals("Shop, \"Quoted\"", ListedValues.controllerName(JSON,
                "{\"operationId\":\"x\",\"purpose\":{\"name\":\"no\"},\"controller\":{\"establishment\":\"FR\",\"name\":\"Shop, \\\"Quoted\\\"\"}}"));
        assertNull(ListedValues.controllerName(JSON, "{\"controller\":{\"name\":null}}"));
        assertNull(ListedValues.controllerName(JSON, "{\"controller\":\"flat\",\"other\":{\"controller\":{\"name\":\"deep\"}}}"));
        assertNull(ListedValues.controllerName(JSON, "{}"));
    }

    @Test
    void theRulesColumnGivesBackTheListItWasMadeOf() {
        for (List<String> rules : List.of(List.<String>of(), List.of("a"), List.of("gdpr-a6-1-f", "with space", "", "ü;,\"x"))) {
            assertEquals(rules, ListedValues.splitRules(ListedValues.joinRules(rules)), rules.toString());
        }
        // An id holding the separator is not stored in the column: the search reads the JSON then.
        assertNull(ListedValues.joinRules(List.of("a", "b\nc")));
        assertNull(ListedValues.joinRules(null));
    }

    @Test
    void aColumnThatDisagreesWithTheJsonIsNamed() {
        String request = "{\"controller\":{\"name\":\"Shop\"}}";
        String response = "{\"reasons\":[{\"rule\":\"r1\"}],\"obligations\":[{\"rule\":\"r2\"}]}";
        assertNull(ListedValues.mismatch(JSON, "Shop", "r1\nr2", request, response));
        assertNull(ListedValues.mismatch(JSON, null, null, request, response), "a row stored before the columns");
        assertTrue(ListedValues.mismatch(JSON, "Shop", "r2\nr1", request, response).contains("listed rules"));
        assertTrue(ListedValues.mismatch(JSON, "Shop", "r1", request, response).contains("listed rules"));
        assertTrue(ListedValues.mismatch(JSON, "Other", "r1\nr2", request, response).contains("listed controller"));
        assertTrue(ListedValues.mismatch(JSON, null, "r1\nr2", request, response).contains("listed controller"));
        assertTrue(ListedValues.mismatch(JSON, "Shop", null, "{\"controller\":{\"name\":\"Other\"}}", response).contains("listed controller"));
        assertNull(ListedValues.mismatch(JSON, null, "", "{}", "{}"), "no controller, no rules");
    }
}
