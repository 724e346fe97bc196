package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import lexgate.replay.TempRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only what was validated serves: a valid candidate is stored by validation and activated by its
 * digest; an invalid one is refused; an earlier digest is activated again (rollback); every
 * activation is on record; a label may not name two rulesets; validate has its limits.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
@TestProfile(TempRules.ForActivation.class)
class RulesetActivationTest {
    static final String OLD = "can be objectively necessary to perform the contract with the data subject (Art. 6(1)(b)).";

    static String lawfulness() throws Exception {
        return Files.readString(TempRules.Profile.dir(TempRules.ForActivation.class).resolve("rules/eu/gdpr/art6/lawfulness.drl"));
    }

    static JsonPath validate(Map<String, String> files) {
        return given().contentType("application/json").body(Map.of("files", files))
                .when().post("/v1/rulesets/validate").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void validateActivateRefuseAndRollBack() throws Exception {
        String original = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("digest");
        String changed = lawfulness().replace(OLD, OLD + " [activated by digest]");

        // A valid candidate: stored with its validation, not yet serving.
        JsonPath v1 = validate(Map.of("rules/eu/gdpr/art6/lawfulness.drl", changed, "rules/VERSION", "test-activation-1\n"));
        assertEquals(true, v1.getBoolean("valid"), v1.prettify());
        String d1 = v1.getString("digest");
        assertNotEquals(original, d1);
        given().when().get("/v1/rulesets/active").then().body("digest", equalTo(original));

        // Activated by digest: decisions now name it and carry its words.
        given().when().post("/v1/rulesets/" + d1 + "/activate").then().statusCode(200)
                .body("status", equalTo("activated")).body("active.digest", equalTo(d1)).body("previous.digest", equalTo(original));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201)
                .body("ruleset.digest", equalTo(d1))
                .body("reasons.find { it.rule == 'eu.gdpr.a6-1-b.contract-necessary' }.explanation", org.hamcrest.Matchers.endsWith("[activated by digest]"));

        // A candidate whose scenario fails is not valid, and may not be activated.
        String scenario = """
                - name: wrong on purpose
                  request:
                    asOf: "2025-01-10"
                    controller: { name: Shop, establishment: FR, publicAuthority: false }
                    purpose: { code: order-fulfilment }
                    legalBasis: { article: "none" }
                    data: { categories: [identity], source: data-subject }
                    subjects: { categories: [customers], countries: [FR] }
                  expect: { outcome: ALLOW }
                """;
        JsonPath v2 = validate(Map.of("rules/eu/gdpr/art6/lawfulness.drl", changed.replace("[activated by digest]", "[second]"),
                "rules/VERSION", "test-activation-2\n", "rules/eu/gdpr/art6/wrong.scenarios.yaml", scenario));
        assertEquals(false, v2.getBoolean("valid"));
        assertEquals(1, v2.getInt("scenariosFailed"));
        given().when().post("/v1/rulesets/" + v2.getString("digest") + "/activate").then().statusCode(422)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("did not pass its validation"));
        given().when().get("/v1/rulesets/active").then().body("digest", equalTo(d1));

        // A changed ruleset may not reuse a label another validated ruleset carries.
        JsonPath v3 = validate(Map.of("rules/eu/gdpr/art6/lawfulness.drl", changed.replace("[activated by digest]", "[third]"),
                "rules/VERSION", "test-activation-1\n"));
        assertEquals(false, v3.getBoolean("valid"));
        assertTrue(v3.getList("problems", String.class).stream().anyMatch(p -> p.startsWith("rules/VERSION:1:") && p.contains(d1)), v3.prettify());

        // Unknown digests are 404.
        given().when().post("/v1/rulesets/sha256:" + "0".repeat(64) + "/activate").then().statusCode(404);

        // Rollback: the ruleset that served before is activated again by its digest.
        given().when().post("/v1/rulesets/" + original + "/activate").then().statusCode(200).body("active.digest", equalTo(original));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201)
                .body("ruleset.digest", equalTo(original));

        // The record of activations, newest first, and the rulesets with their validation and activations.
        JsonPath acts = given().when().get("/v1/rulesets/activations").then().statusCode(200).extract().jsonPath();
        assertEquals(original, acts.getString("items[0].digest"));
        assertEquals("activate", acts.getString("items[0].via"));
        assertEquals(d1, acts.getString("items[0].previous"));
        assertEquals(d1, acts.getString("items[1].digest"));
        assertEquals("anonymous", acts.getString("items[1].activatedBy"));
        assertTrue(acts.getLong("items[0].seq") > acts.getLong("items[1].seq"));
        given().when().get("/v1/rulesets?size=200").then().statusCode(200)
                .body("active.digest", equalTo(original))
                .body("items.find { it.digest == '" + d1 + "' }.validation.valid", equalTo(true))
                .body("items.find { it.digest == '" + d1 + "' }.activations.via", hasItem("activate"))
                .body("items.find { it.digest == '" + v2.getString("digest") + "' }.validation.valid", equalTo(false));
    }

    @jakarta.inject.Inject
    lexgate.store.RulesetStore store;

    @Test
    void anActivationMadeOnAnotherInstanceIsFollowed() throws Exception {
        String before = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("digest");
        String changed = lawfulness().replace(OLD, OLD + " [activated elsewhere]");
        JsonPath v = validate(Map.of("rules/eu/gdpr/art6/lawfulness.drl", changed, "rules/VERSION", "test-follow-1\n"));
        assertEquals(true, v.getBoolean("valid"), v.prettify());
        String digest = v.getString("digest");
        // What another replica's POST /v1/rulesets/{digest}/activate leaves in the shared database.
        store.recordActivation(digest, before, "admin@replica-2", "activate");
        // The poll is every 2 s, then the stored files are compiled: how soon is measured by
        // .ci/replicas on two processes; here it must simply happen (generous deadline, no timing).
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        String serving = before;
        while (!serving.equals(digest) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            serving = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("digest");
        }
        assertEquals(digest, serving, "followed");
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201)
                .body("ruleset.digest", equalTo(digest));
        // Back to where the other tests expect to start; recorded here, so nothing is followed back.
        given().when().post("/v1/rulesets/" + before + "/activate").then().statusCode(200);
        Thread.sleep(2500);
        given().when().get("/v1/rulesets/active").then().body("digest", equalTo(before));
    }

    @Test
    void validateHasItsLimits() throws Exception {
        // One validation at a time per key: a second while the first runs is 429. Which of the two
        // reaches the service first is the scheduler's choice, so the test asks only that one ran
        // (200) and one was refused (429) while it ran.
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> given().contentType("application/json")
                .body(Map.of("files", Map.of())).when().post("/v1/rulesets/validate").statusCode());
        java.util.List<Integer> others = new java.util.ArrayList<>();
        for (int i = 0; i < 200 && !first.isDone(); i++) {
            Thread.sleep(20);
            int s = given().contentType("application/json").body(Map.of("files", Map.of())).when().post("/v1/rulesets/validate").statusCode();
            others.add(s);
            if (s == 429) break;
        }
        java.util.List<Integer> all = new java.util.ArrayList<>(others);
        all.add(first.get());
        assertTrue(all.contains(429), "a second validation by the same key while one ran: " + all);
        assertTrue(all.contains(200), "the validation that ran: " + all);
        assertTrue(all.stream().allMatch(s -> s == 200 || s == 429), all.toString());
        // A file over the size limit is named.
        given().contentType("application/json").body(Map.of("files", Map.of("rules/eu/big.drl", "x".repeat(600_000))))
                .when().post("/v1/rulesets/validate").then().statusCode(422)
                .body("errors[0].field", equalTo("files.rules/eu/big.drl"));
        // Paths outside rules/ and policies/ are refused.
        JsonPath v = validate(Map.of("../etc/passwd", "x"));
        assertEquals(false, v.getBoolean("valid"));
        assertTrue(v.getList("problems", String.class).stream().anyMatch(p -> p.startsWith("../etc/passwd")), v.prettify());
    }

    @Test
    void aDecisionBodyOverTheLimitIs413AsAProblem() {
        given().contentType("application/json").body("{\"operationId\":\"" + "x".repeat(300_000) + "\"}")
                .when().post("/v1/decisions").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }
}
