package lexgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 generated requests, mutated from the contract's example and the real cases (rules/cases): fields
 * removed, retyped, replaced by odd values, nested deep, duplicated, truncated, or the body made
 * not JSON. No answer may be 5xx or leak internals; every 2xx is stored; no 4xx stores anything.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class GeneratedInputTest {
    static final int RUNS = 10_000;
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    long stored() {
        return em.createQuery("select count(d) from DecisionRecord d", Long.class).getSingleResult();
    }

    @Test
    void randomAndMutatedRequestsNeverHurt() throws Exception {
        List<JsonNode> seeds = new ArrayList<>();
        for (var sc : lexgate.scenario.ScenarioLoader.load(Path.of("."), Path.of("rules/cases"))) seeds.add(sc.request());
        seeds.add(mapper.readTree(DecisionApiTest.DELIVERY));
        Random rnd = new Random(20261128);
        long before = stored();
        int created = 0, rejected = 0;
        Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        for (int i = 0; i < RUNS; i++) {
            String body = mutate(seeds.get(rnd.nextInt(seeds.size())).deepCopy(), rnd);
            Response r = given().contentType("application/json").body(body).when().post("/v1/decisions");
            int status = r.statusCode();
            byStatus.merge(status, 1, Integer::sum);
            String text = r.asString();
            assertTrue(status < 500, "5xx for body " + body + "\n -> " + text);
            assertFalse(text.contains("Exception") || text.contains("java.") || text.contains("SQL") || text.contains("\tat "),
                    "leak for body " + body + "\n -> " + text);
            if (status == 201) {
                created++;
                String id = r.path("decisionId");
                assertTrue(given().when().get("/v1/decisions/" + id).statusCode() == 200, "201 not stored: " + id);
            } else {
                rejected++;
                assertTrue(status == 400 || status == 413 || status == 415 || status == 422, status + " for " + body);
                if (status == 400 || status == 422) {
                    assertEquals("application/problem+json", r.contentType().split(";")[0], text);
                }
            }
        }
        assertEquals(before + created, stored(), "every 2xx stored and no 4xx stored; statuses " + byStatus);
        assertTrue(created > 300 && rejected > 5000, "the generator should produce both kinds: " + byStatus);
    }

    static final String[] ODD_STRINGS = {"", " ", "6(1)(z)", "FR ", "fr", "ZZ", "1999-01-01", "2018-05-24", "2025-02-30",
            "not-a-code", "\u0000", "ünïcødé ✓", "<script>", "' OR 1=1 --", "9(2)(k)", "none", "null", "x".repeat(5000),
            "+999999999-12-31", "2101-01-01", "-000001-01-01", "a\u0007b", "line\nbreak", "\u009f", "1e308"};

    String mutate(JsonNode root, Random rnd) throws Exception {
        int mode = rnd.nextInt(20);
        if (mode == 0) return root.toString().substring(0, rnd.nextInt(Math.max(1, root.toString().length())));
        if (mode == 1) return "[" + root + "]";
        if (mode == 2) return "{\"a\":" + "[".repeat(40 + rnd.nextInt(100)) + "]".repeat(10) + "}";
        if (mode == 3) return root.toString().replaceFirst("\\{", "{\"controller\":{},");
        // A key given twice in one object (the parser must refuse it, not take the last value).
        if (mode == 4) return root.toString().replaceFirst("\"article\":(\"[^\"]*\")", "\"article\":\"none\",\"article\":$1");
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            List<ObjectNode> objects = new ArrayList<>();
            collect(root, objects);
            ObjectNode target = objects.get(rnd.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) continue;
            String name = names.get(rnd.nextInt(names.size()));
            switch (rnd.nextInt(8)) {
                case 0 -> target.remove(name);
                case 1 -> target.put(name, ODD_STRINGS[rnd.nextInt(ODD_STRINGS.length)]);
                case 2 -> {
                    // Numbers (also where text is wanted), including the extreme ones.
                    switch (rnd.nextInt(4)) {
                        case 0 -> target.put(name, -rnd.nextInt(1000));
                        case 1 -> target.put(name, 1e308);
                        default -> target.put(name, rnd.nextLong());
                    }
                }
                case 3 -> target.set(name, F.nullNode());
                case 4 -> target.put(name, rnd.nextBoolean());
                case 5 -> target.set(name, F.arrayNode().add(ODD_STRINGS[rnd.nextInt(ODD_STRINGS.length)]));
                case 6 -> target.set(name, F.objectNode().put("unexpected", 1));
                default -> target.put("x-" + rnd.nextInt(5), "extra");
            }
        }
        return root.toString();
    }

    static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) collect(it.next(), out);
        } else if (n instanceof ArrayNode a) {
            a.forEach(x -> collect(x, out));
        }
    }
}
