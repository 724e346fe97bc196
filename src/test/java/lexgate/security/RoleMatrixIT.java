package lexgate.security;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import lexgate.api.DecisionApiTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role matrix of {@link AuthTest} on the packaged jar, with real API keys made through the
 * admin API from the bootstrap key: who may decide, read, replay, reload, verify and manage keys;
 * every 401 and 403 a problem+json; a revoked key refused; the client recorded on each decision.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class RoleMatrixIT {
    static final String ADMIN = "Bearer " + JarUnderTest.ADMIN_KEY;

    @BeforeAll
    static void noDefaultCredentials() {
        JarClient.withoutDefaultCredentials();
    }

    static String decide(String auth) {
        return given().header("Authorization", auth).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
    }

    @Test
    void withoutOrWithAnUnknownKeyIs401Problem() {
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer lgk_not-a-key").when().get("/v1/rulesets/active")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get("/v1/decisions").then().statusCode(401);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void decideKey() {
        String decide = "Bearer " + JarClient.key("decide");
        String id = decide(decide);
        for (String path : List.of("/v1/decisions/" + id, "/v1/decisions", "/v1/keys", "/v1/audit/verify", "/v1/replays")) {
            given().header("Authorization", decide).when().get(path).then().statusCode(403).contentType("application/problem+json");
        }
        given().header("Authorization", decide).contentType("application/json").body("{}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(403);
        given().header("Authorization", decide).when().post("/v1/rulesets/reload").then().statusCode(403);
        // Recorded as the key that asked (key:<id>), which a reviewer can filter on.
        String client = given().header("Authorization", ADMIN).queryParam("limit", 500).when().get("/v1/decisions").then()
                .statusCode(200).extract().path("items.find { it.decisionId == '" + id + "' }.client");
        assertTrue(client != null && client.startsWith("key:"), String.valueOf(client));
        given().header("Authorization", ADMIN).queryParam("client", client).when().get("/v1/decisions").then().statusCode(200)
                .body("items[0].decisionId", equalTo(id));
    }

    @Test
    void reviewKey() {
        String id = decide(ADMIN);
        String review = "Bearer " + JarClient.key("review");
        given().header("Authorization", review).when().get("/v1/decisions/" + id).then().statusCode(200);
        given().header("Authorization", review).contentType("application/json").body("{}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(200);
        given().header("Authorization", review).when().get("/v1/audit/verify").then().statusCode(200);
        given().header("Authorization", review).when().get("/v1/decisions").then().statusCode(200);
        given().header("Authorization", review).accept("text/csv").when().get("/v1/decisions").then().statusCode(200);
        given().header("Authorization", review).when().get("/v1/replays").then().statusCode(200);
        given().header("Authorization", review).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", review).when().post("/v1/rulesets/reload").then().statusCode(403);
        given().header("Authorization", review).contentType("application/json").body("{\"target\": \"active\", \"filter\": {}}")
                .when().post("/v1/replays").then().statusCode(403);
        given().header("Authorization", review).when().get("/v1/keys").then().statusCode(403);
    }

    @Test
    void authorKey() {
        String author = "Bearer " + JarClient.key("author");
        given().header("Authorization", author).when().post("/v1/rulesets/reload").then().statusCode(200);
        given().header("Authorization", author).contentType("application/json").body(Map.of("files", Map.of()))
                .when().post("/v1/rulesets/validate").then().statusCode(200);
        given().header("Authorization", author).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(403);
        given().header("Authorization", author).when().get("/v1/keys").then().statusCode(403);
    }

    @Test
    void revokedKeyAndBadKeyRequests() {
        JsonPath created = given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("name", "temp", "roles", List.of("decide"))).when().post("/v1/keys")
                .then().statusCode(201).extract().jsonPath();
        String k = created.getString("key");
        String id = created.getString("id");
        given().header("Authorization", "Bearer " + k).when().get("/v1/rulesets/active").then().statusCode(200);
        given().header("Authorization", ADMIN).when().delete("/v1/keys/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + k).when().get("/v1/rulesets/active").then().statusCode(401);
        given().header("Authorization", ADMIN).when().get("/v1/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.revokedAt", notNullValue())
                .body(not(org.hamcrest.Matchers.containsString(k)));
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("name", "x", "roles", List.of("superuser"))).when().post("/v1/keys")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("roles[0]"));
    }
}
