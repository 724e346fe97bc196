package lexgate.replay;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import lexgate.api.DecisionApiTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Change a rule file, reload, replay an old decision against its original ruleset (identical) and
 * the active one (the diff shows exactly the changed reason); a broken file keeps the old digest.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
@TestProfile(TempRules.ForReload.class)
class ReloadAndReplayTest {

    static final String OLD = "can be objectively necessary to perform the contract with the data subject (Art. 6(1)(b)).";
    static final String NEW = "is objectively necessary for the contract the data subject asked for (Art. 6(1)(b); EDPB Guidelines 2/2019).";

    @Test
    void reloadThenReplayAgainstOriginalAndActive() throws Exception {
        Path rules = TempRules.Profile.dir(TempRules.ForReload.class).resolve("rules");
        String before = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("digest");
        String id = given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");

        // 1. A broken rule file: reload is refused with file:line, the old ruleset keeps serving.
        Path broken = rules.resolve("eu/gdpr/art6/broken.drl");
        Files.writeString(broken, "package eu.gdpr.art6;\n\nimport lexgate.vocabulary.*;\n\nrule \"broken\"\n"
                + "    @id(\"test.broken\")\n    @cite(\"eu-gdpr:A6-1\")\n    @jurisdiction(\"EU\")\n    @inForce(\"2018-05-25\")\n"
                + "when\n    Operation(basis == )\nthen\nend\n");
        given().when().post("/v1/rulesets/reload").then().statusCode(422)
                .contentType("application/problem+json")
                .header("Lexgate-Active-Ruleset", equalTo(before))
                .body("errors.field", hasItem("rules/eu/gdpr/art6/broken.drl:11"));
        given().when().get("/v1/rulesets/active").then().body("digest", equalTo(before));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).body("ruleset.digest", equalTo(before));
        Files.delete(broken);

        // 2. Change one rule's explanation and reload.
        Path law = rules.resolve("eu/gdpr/art6/lawfulness.drl");
        String text = Files.readString(law);
        Files.writeString(law, text.replace(OLD, NEW));
        Files.writeString(rules.resolve("VERSION"), "test-changed-explanation\n"); // a changed ruleset needs its own label
        String after = given().when().post("/v1/rulesets/reload").then().statusCode(200)
                .body("status", equalTo("reloaded"))
                .body("previous.digest", equalTo(before))
                .extract().path("active.digest");
        given().when().get("/v1/rulesets/active").then().body("digest", equalTo(after));
        given().when().get("/v1/rulesets/" + before).then().statusCode(200)
                .body("digest", equalTo(before))
                .body("files.path", hasItem("rules/eu/gdpr/art6/lawfulness.drl"))
                .body("rules.id", hasItem("eu.gdpr.a6-1-b.contract-necessary"));
        given().when().get("/v1/rulesets").then().statusCode(200).body("items.digest", hasItem(after));

        // 3. Against the original ruleset: identical.
        given().contentType("application/json").body("{\"against\":\"original\"}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(200)
                .body("ruleset.digest", equalTo(before))
                .body("reproducible", equalTo(true))
                .body("diff.changed", equalTo(false))
                .body("result.outcome", equalTo("ALLOW"));

        // 4. Against the active ruleset: exactly the changed reason.
        given().contentType("application/json").body("{\"against\":\"active\"}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(200)
                .body("ruleset.digest", equalTo(after))
                .body("diff.changed", equalTo(true))
                .body("diff.outcomeBefore", equalTo("ALLOW"))
                .body("diff.outcomeAfter", equalTo("ALLOW"))
                .body("diff.reasonsAdded", hasSize(1))
                .body("diff.reasonsAdded[0].rule", equalTo("eu.gdpr.a6-1-b.contract-necessary"))
                .body("diff.reasonsAdded[0].explanation", containsString("asked for"))
                .body("diff.reasonsRemoved", hasSize(1))
                .body("diff.reasonsRemoved[0].explanation", containsString("can be objectively necessary"))
                .body("diff.obligationsAdded", hasSize(0))
                .body("diff.citationsAdded", hasSize(0));

        // 5. Against a digest, and errors as problems.
        given().contentType("application/json").body("{\"against\":\"" + before + "\"}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(200).body("diff.changed", equalTo(false));
        given().contentType("application/json").body("{\"against\":\"sha256:00\"}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(404);
        given().contentType("application/json").body("{}")
                .when().post("/v1/decisions/nope/replay").then().statusCode(404)
                .body(not(containsString("Exception")));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).body("ruleset.digest", startsWith("sha256:"))
                .body("ruleset.digest", equalTo(after));
    }
}
