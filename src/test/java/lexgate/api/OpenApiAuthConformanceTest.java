package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 401 and 403 answers (authentication on) against the OpenAPI document, with the checker of
 * {@link OpenApiConformanceTest}; the document itself stays open without credentials.
 */
@QuarkusTest
@TestProfile(OpenApiAuthConformanceTest.AuthOn.class)
public class OpenApiAuthConformanceTest {
    static final String ADMIN = "openapi-admin-key-0123456789abcdef";

    /** A bootstrap admin key, to make the keys of each role. */
    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexgate.bootstrap-admin-key", ADMIN);
        }
    }

    @Test
    void unauthenticatedAndForbiddenAnswersAreDocumented() {
        OpenApiConformanceTest t = new OpenApiConformanceTest();
        t.doc(); // fetched without credentials: the document is open
        List<String> problems = new ArrayList<>();
        OpenApiConformanceTest.Conformance c = t.new Conformance(problems, new LinkedHashSet<>());
        String review = given().header("Authorization", "Bearer " + ADMIN).contentType("application/json")
                .body(Map.of("name", "openapi reviewer", "roles", List.of("review")))
                .post("/v1/keys").then().statusCode(201).extract().path("key");

        c.check("post", "/v1/decisions", 401, given().contentType("application/json").body(DecisionApiTest.DELIVERY).post("/v1/decisions"));
        c.check("post", "/v1/decisions", 403, given().header("Authorization", "Bearer " + review).contentType("application/json")
                .body(DecisionApiTest.DELIVERY).post("/v1/decisions"));
        c.check("get", "/v1/rules", 401, given().header("Authorization", "Bearer lgk_not-a-key").get("/v1/rules"));
        c.check("get", "/v1/keys", 403, given().header("Authorization", "Bearer " + review).get("/v1/keys"));
        c.check("post", "/v1/replays", 403, given().header("Authorization", "Bearer " + review).contentType("application/json")
                .body("{\"target\":\"active\"}").post("/v1/replays"));
        c.check("get", "/v1/decisions", 200, given().header("Authorization", "Bearer " + review).accept("application/json")
                .get("/v1/decisions"));
        assertTrue(problems.isEmpty(), "the service and its OpenAPI document disagree:\n  " + String.join("\n  ", problems));
    }
}
