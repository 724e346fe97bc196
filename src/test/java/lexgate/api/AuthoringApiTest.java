package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.startsWith;

/** Authoring tools over HTTP: validate a candidate without activating it, and browse the rule catalogue. */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class AuthoringApiTest {

    static final String EVIL = """
            package eu.gdpr.art6;

            import java.io.File;

            rule "evil"
                @id("test.evil")
                @cite("eu-gdpr:A6-1")
                @jurisdiction("EU")
                @inForce("2018-05-25")
            when
                Operation()
            then
                new File("/tmp/x").delete();
            end
            """;

    @Test
    void aCandidateWithAForbiddenImportIsRejectedAndNothingIsActivated() {
        String active = given().when().get("/v1/rulesets/active").then().extract().path("digest");
        given().contentType("application/json").body(Map.of("files", Map.of("rules/eu/gdpr/art6/evil.drl", EVIL)))
                .when().post("/v1/rulesets/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("problems", hasItem(startsWith("rules/eu/gdpr/art6/evil.drl:3:1: 'import java.io.File' is not allowed")));
        given().when().get("/v1/rulesets/active").then().body("digest", equalTo(active));
    }

    @Test
    void theShippedFilesValidateWithEveryScenarioPassing() {
        given().contentType("application/json").body(Map.of("files", Map.of()))
                .when().post("/v1/rulesets/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("problems", empty())
                .body("scenariosPassed", greaterThan(200))
                .body("scenariosFailed", equalTo(0));
    }

    @Test
    void aCandidateScenarioThatFailsIsReported() {
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
        given().contentType("application/json")
                .body(Map.of("files", Map.of("rules/eu/gdpr/art6/wrong.scenarios.yaml", scenario)))
                .when().post("/v1/rulesets/validate")
                .then().statusCode(200)
                .body("scenariosFailed", equalTo(1))
                .body("failures[0].scenario", startsWith("rules/eu/gdpr/art6/wrong.scenarios.yaml:1 (scenario 1)"));
    }

    @Test
    void pathsOutsideRulesAndPoliciesAreRefused() {
        given().contentType("application/json").body(Map.of("files", Map.of("../etc/passwd", "x")))
                .when().post("/v1/rulesets/validate")
                .then().statusCode(200).body("valid", equalTo(false));
    }

    @Test
    void catalogueFiltersByJurisdictionAndCitation() {
        given().when().get("/v1/rules?jurisdiction=FR")
                .then().statusCode(200)
                .body("count", greaterThan(5))
                .body("rules.jurisdiction", everyItem(equalTo("FR")))
                .body("rules.find { it.id == 'fr.ldl.a82.refusal-harder' }.citations[0].url", startsWith("https://"))
                .body("rules.find { it.id == 'fr.ldl.a82.refusal-harder' }.file", equalTo("rules/fr/ldl/ldl.drl"))
                .body("rules.find { it.id == 'fr.ldl.a82.refusal-harder' }.scenarios", hasItem("cnil-google-cookie-refusal-2021"));
        given().when().get("/v1/rules?citation=eu-gdpr:A6-1")
                .then().statusCode(200)
                .body("rules.id", hasItem("eu.gdpr.a6-1-f.balancing-done"))
                .body("rules.id", not(hasItem("eu.gdpr.a45.adequacy")));
    }
}
