package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The decision API spoken over HTTP to the real application. */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
public class DecisionApiTest {

    public static final String DELIVERY = """
            {"operationId":"t-1","asOf":"2025-01-10",
             "controller":{"name":"Shop","establishment":"FR","publicAuthority":false},
             "purpose":{"code":"order-fulfilment"},
             "legalBasis":{"article":"6(1)(b)"},
             "data":{"categories":["identity","contact","financial"],"source":"data-subject"},
             "subjects":{"categories":["customers"],"countries":["FR"]},
             "transparency":{"noticeProvided":true},
             "retention":{"days":365}}
            """;

    @Test
    void allowWithReasonsCitationsAndLocation() {
        String id = given().contentType("application/json").body(DELIVERY)
                .when().post("/v1/decisions")
                .then().statusCode(201)
                .header("Location", startsWith("/v1/decisions/"))
                .body("outcome", equalTo("ALLOW"))
                .body("allowed", equalTo(true))
                .body("asOf", equalTo("2025-01-10"))
                .body("ruleset.digest", startsWith("sha256:"))
                .body("reasons.rule", hasItem("eu.gdpr.a6-1-b.contract-necessary"))
                .body("reasons.citations.flatten().id", hasItem("eu-gdpr:A6-1-b"))
                .extract().path("decisionId");
        given().when().get("/v1/decisions/" + id)
                .then().statusCode(200)
                .body("decisionId", equalTo(id))
                .body("request.operationId", equalTo("t-1"))
                .body("outcome", equalTo("ALLOW"));
    }

    /**
     * A decision the service answers twice (its reasons, obligations and supervision remembered the
     * second time: lexgate.decision.DecisionJson) is byte for byte what a plain Jackson mapper writes
     * for it. Speaks only HTTP, so DecisionApiIT runs it against the packaged jar too.
     */
    @Test
    void decisionBodiesAreWhatJacksonWritesWithTheRepeatedPartsRemembered() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < 2; i++) {
            String body = given().contentType("application/json").body(DELIVERY)
                    .when().post("/v1/decisions")
                    .then().statusCode(201).extract().asString();
            lexgate.decision.Decision d = plain.readValue(body, lexgate.decision.Decision.class);
            org.junit.jupiter.api.Assertions.assertFalse(d.reasons().isEmpty() || d.obligations().isEmpty());
            org.junit.jupiter.api.Assertions.assertEquals(plain.writeValueAsString(d), body, "answer " + (i + 1));
        }
    }
}
