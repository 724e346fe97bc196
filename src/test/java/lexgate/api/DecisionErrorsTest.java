package lexgate.api;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad input gets a problem naming the field, never a stack trace, and nothing is stored for it. */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class DecisionErrorsTest {

    /**
     * Decisions stored, counted in process. Looked up rather than injected: DecisionErrorsIT runs these
     * tests against the packaged jar (counting over JDBC), and @QuarkusIntegrationTest refuses @Inject fields.
     */
    long stored() {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return em.createQuery("select count(d) from DecisionRecord d", Long.class).getSingleResult();
    }

    @Test
    void everyFieldProblemIsListedAtOnce() {
        long before = stored();
        given().contentType("application/json").body("""
                {"asOf":"2025-02-30","controller":{"establishment":"fr"},"purpose":{"code":"world-domination"},
                 "legalBasis":{"article":"6(1)(g)"},"data":{"categories":[]},"subjects":{"countries":["XX"]},
                 "transfers":[{"country":"US","mechanism":"pinky-promise"}]}
                """)
                .when().post("/v1/decisions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItems("asOf", "controller.name", "controller.establishment", "purpose.code",
                        "legalBasis.article", "data.categories", "subjects.countries[0]", "transfers[0].mechanism"))
                .body("errors.find { it.field == 'purpose.code' }.message", containsString("ai-model-training"));
        assertEquals(before, stored());
    }

    /**
     * formalities.referenceMethodology takes any MR-nnn (the contract's form) or a framework that
     * policies/formalities.yaml lists (the CNIL référentiel 2021-118); anything else is refused naming the
     * field and the frameworks known.
     */
    @Test
    void aReferenceFrameworkMustBeAMethodologyCodeOrAListedFramework() {
        long before = stored();
        given().contentType("application/json")
                .body(DecisionApiTest.DELIVERY.replace("\"retention\"", "\"formalities\":{\"referenceMethodology\":\"EDS-2021\"},\"retention\""))
                .when().post("/v1/decisions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("formalities.referenceMethodology"))
                .body("errors.find { it.field == 'formalities.referenceMethodology' }.message", containsString("2021-118"));
        assertEquals(before, stored());
        for (String ok : new String[] {"2021-118", "MR-004", "MR-099"}) {
            given().contentType("application/json")
                    .body(DecisionApiTest.DELIVERY.replace("\"retention\"", "\"formalities\":{\"referenceMethodology\":\"" + ok + "\"},\"retention\""))
                    .when().post("/v1/decisions")
                    .then().statusCode(201);
        }
    }

    /**
     * Found by GeneratedInputTest: an operationId longer than the stored column failed the whole
     * group commit (503 for every decision in the batch) instead of being refused as bad input.
     */
    @Test
    void overlongOperationIdIs422NotAStorageFailure() {
        long before = stored();
        String body = DecisionApiTest.DELIVERY.replace("\"operationId\":\"t-1\"", "\"operationId\":\"" + "x".repeat(513) + "\"");
        given().contentType("application/json").body(body)
                .when().post("/v1/decisions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("operationId"))
                .body("errors[0].message", containsString("512"));
        given().contentType("application/json").body(body.replace("x".repeat(513), "x".repeat(512)))
                .when().post("/v1/decisions")
                .then().statusCode(201);
        assertEquals(before + 1, stored());
    }

    @Test
    void unknownFieldsAreNamed() {
        given().contentType("application/json").body("""
                {"controller":{"name":"A","establishment":"FR","publicAuthorty":false},"purpose":{"code":"analytics"},
                 "legalBasis":{"article":"6(1)(a)"},"data":{"categories":["behavioural"]},"subjects":{"countries":["FR"]},
                 "transfers":[{"country":"US","mechanism":"scc","tia":true}]}
                """)
                .when().post("/v1/decisions")
                .then().statusCode(422)
                .body("errors.field", hasItems("controller.publicAuthorty", "transfers[0].tia"));
    }

    @Test
    void gdprDidNotApplyBefore25May2018() {
        given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("2025-01-10", "2018-05-24"))
                .when().post("/v1/decisions")
                .then().statusCode(422)
                .body("errors.field", hasItem("asOf"))
                .body("errors[0].message", containsString("2018-05-25"));
    }

    @Test
    void notJsonIs400WithoutInternals() {
        given().contentType("application/json").body("{\"controller\": ")
                .when().post("/v1/decisions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("Exception")));
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("\"publicAuthority\":false", "\"publicAuthority\":\"no\""))
                .when().post("/v1/decisions")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("controller.publicAuthority"))
                .body(not(containsString("java.lang")));
    }

    @Test
    void deepNestingIs400() {
        String deep = "[".repeat(200) + "]".repeat(200);
        given().contentType("application/json").body("{\"characteristics\":" + deep + "}")
                .when().post("/v1/decisions")
                .then().statusCode(400);
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"purpose\":{\"description\":\"" + "x".repeat(300 * 1024) + "\"}}";
        given().contentType("application/json").body(big)
                .when().post("/v1/decisions")
                .then().statusCode(413);
    }

    @Test
    void unknownDecisionIs404Problem() {
        given().when().get("/v1/decisions/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    /** Strict JSON: no coercion between types, no duplicate keys, no control characters, no far-future days; nothing stored. */
    @Test
    void strictJsonRefusesWhatLenientJsonTookAndStoresNothing() {
        long before = stored();
        // A number, a boolean, an object where text is wanted: 400 naming the field.
        for (String[] c : new String[][] {{"\"operationId\":\"t-1\"", "\"operationId\":1e308", "operationId"},
                {"\"operationId\":\"t-1\"", "\"operationId\":true", "operationId"},
                {"\"code\":\"order-fulfilment\"", "\"code\":{\"a\":1}", "purpose.code"},
                {"\"publicAuthority\":false", "\"publicAuthority\":0", "controller.publicAuthority"}}) {
            given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace(c[0], c[1]))
                    .when().post("/v1/decisions").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(c[2]));
        }
        // A key given twice: 400 naming it, never the last value taken.
        given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("\"article\":\"6(1)(b)\"",
                        "\"article\":\"none\",\"article\":\"6(1)(b)\""))
                .when().post("/v1/decisions").then().statusCode(400)
                .body("errors[0].field", equalTo("legalBasis.article"))
                .body("errors[0].message", containsString("twice"));
        // Control characters: 422 naming the field (PostgreSQL would refuse a NUL at commit).
        given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("\"operationId\":\"t-1\"", "\"operationId\":\"t\\u0000x\""))
                .when().post("/v1/decisions").then().statusCode(422).body("errors.field", hasItem("operationId"));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("\"name\":\"", "\"name\":\"line\\nbreak "))
                .when().post("/v1/decisions").then().statusCode(422).body("errors.field", hasItem("controller.name"));
        // A day of processing in the next millennium: 422, not a failure inside a rule.
        given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("2025-01-10", "+999999999-12-31"))
                .when().post("/v1/decisions").then().statusCode(422).body("errors.field", hasItem("asOf"));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("2025-01-10", "2101-01-01"))
                .when().post("/v1/decisions").then().statusCode(422).body("errors.field", hasItem("asOf"));
        assertEquals(before, stored(), "nothing stored for refused requests");
    }
}
