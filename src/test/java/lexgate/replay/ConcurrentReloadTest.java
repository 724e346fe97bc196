package lexgate.replay;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import lexgate.api.DecisionApiTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reloads between two rule variants while decisions are being made: every stored decision names
 * exactly the digest whose rules produced its reasons, and replays identically against it.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
@TestProfile(TempRules.ForConcurrentReload.class)
class ConcurrentReloadTest {
    static final String BASE = "can be objectively necessary to perform the contract with the data subject (Art. 6(1)(b)).";

    @Test
    void everyDecisionNamesTheDigestThatEvaluatedIt() throws Exception {
        Path law = TempRules.Profile.dir(TempRules.ForConcurrentReload.class).resolve("rules/eu/gdpr/art6/lawfulness.drl");
        String original = Files.readString(law);
        Map<String, String> variantOfDigest = new HashMap<>();
        variantOfDigest.put(given().when().get("/v1/rulesets/active").then().extract().path("digest"), "base");

        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<List<String>>> posters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            posters.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                while ((running.get() || ids.size() < 20) && ids.size() < 150) {
                    ids.add(given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                            .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId"));
                }
                return ids;
            }));
        }
        for (int i = 1; i <= 4; i++) {
            String variant = "variant-" + i;
            Files.writeString(law, original.replace(BASE, BASE + " [" + variant + "]"));
            // A changed ruleset needs a label of its own (two rulesets may not share one).
            Files.writeString(law.getParent().getParent().getParent().getParent().resolve("VERSION"), "test-" + variant + "\n");
            String digest = given().when().post("/v1/rulesets/reload").then().statusCode(200).extract().path("active.digest");
            variantOfDigest.put(digest, variant);
        }
        running.set(false);
        List<String> ids = new ArrayList<>();
        for (Future<List<String>> f : posters) ids.addAll(f.get());
        pool.shutdown();

        int checked = 0;
        for (String id : ids) {
            JsonPath d = given().when().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
            String digest = d.getString("ruleset.digest");
            String explanation = d.getString("reasons.find { it.rule == 'eu.gdpr.a6-1-b.contract-necessary' }.explanation");
            String variant = variantOfDigest.get(digest);
            assertTrue(variant != null, "decision " + id + " names an unknown digest " + digest);
            if (variant.equals("base")) {
                assertTrue(!explanation.contains("[variant-"), id + " names the base digest but was decided by " + explanation);
            } else {
                assertTrue(explanation.endsWith("[" + variant + "]"), id + " names " + variant + " but says " + explanation);
            }
            checked++;
        }
        assertTrue(checked >= 80, "too few decisions made during the reloads: " + checked);
        // And a sample replays identically on its own ruleset.
        for (String id : ids.subList(0, 10)) {
            given().contentType("application/json").body("{\"against\":\"original\"}")
                    .when().post("/v1/decisions/" + id + "/replay").then().statusCode(200)
                    .body("reproducible", org.hamcrest.Matchers.equalTo(true));
        }
        assertEquals(5, variantOfDigest.size());
    }
}
