package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import lexgate.replay.TempRules;
import lexgate.rules.EscapeCorpus;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every escape attempt of the corpus, sent to POST /v1/rulesets/validate and put in rules/ and
 * reloaded, is refused with its file and line; nothing is activated, nothing ran (no marker, no
 * secret, no internals in any answer), and the service keeps deciding.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
@TestProfile(TempRules.ForEscapes.class)
class EscapeCorpusHttpTest {

    static void clean(String body, String name) {
        assertFalse(body.contains(EscapeCorpus.SECRET), name + ": the secret leaked");
        assertFalse(body.contains("\tat ") || body.contains("Exception"), name + ": internals in the answer: " + body);
    }

    @Test
    void validateAndReloadRefuseEveryAttempt() throws Exception {
        Path rules = TempRules.Profile.dir(TempRules.ForEscapes.class).resolve("rules");
        String active = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("digest");
        Files.createDirectories(rules.resolve("escapes"));
        for (EscapeCorpus.Attempt a : EscapeCorpus.attempts()) {
            Response v = given().contentType("application/json").body(Map.of("files", Map.of(a.path(), a.content())))
                    .when().post("/v1/rulesets/validate");
            assertEquals(200, v.statusCode(), a.name() + ": " + v.asString());
            assertEquals(Boolean.FALSE, v.path("valid"), a.name());
            assertTrue(v.jsonPath().getList("problems", String.class).stream().anyMatch(p -> p.matches("\\Q" + a.path() + "\\E:[1-9]\\d*:.*")),
                    a.name() + ": " + v.asString());
            clean(v.asString(), a.name());

            Path installed = rules.resolve("escapes").resolve(a.name());
            Files.writeString(installed, a.content());
            Response r = given().when().post("/v1/rulesets/reload");
            assertEquals(422, r.statusCode(), a.name() + ": " + r.asString());
            assertTrue(r.jsonPath().getList("errors.field", String.class).stream().anyMatch(f -> f.matches("\\Q" + a.path() + "\\E:[1-9]\\d*")),
                    a.name() + ": " + r.asString());
            clean(r.asString(), a.name());
            Files.delete(installed);
            assertFalse(Files.exists(a.marker()), a.name() + " left its marker");
        }
        given().when().get("/v1/rulesets/active").then().body("digest", equalTo(active));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                .then().statusCode(201).body("ruleset.digest", equalTo(active));
        assertEquals(java.util.List.of(), EscapeCorpus.markers());
    }
}
