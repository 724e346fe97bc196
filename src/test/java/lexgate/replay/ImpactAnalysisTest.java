package lexgate.replay;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import lexgate.decision.DecisionService;
import lexgate.decision.OperationRequest;
import lexgate.decision.OperationRequest.Controller;
import lexgate.decision.OperationRequest.DataSpec;
import lexgate.decision.OperationRequest.LegalBasis;
import lexgate.decision.OperationRequest.PurposeSpec;
import lexgate.decision.OperationRequest.Retention;
import lexgate.decision.OperationRequest.Subjects;
import lexgate.decision.OperationRequest.Transparency;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An impact job over a few thousand generated decisions: changing the purpose taxonomy so that
 * customer care is no longer contractual flips exactly the customer-care contract decisions.
 */
@QuarkusTest
@TestProfile(TempRules.ForImpact.class)
class ImpactAnalysisTest {
    static final int PER_KIND = 1000;

    @Inject
    DecisionService decisions;

    static OperationRequest request(String purpose, String basis, int i) {
        return new OperationRequest("gen-" + purpose + "-" + i, "2025-06-0" + (1 + i % 9),
                new Controller("Generated " + i, i % 2 == 0 ? "FR" : "IE", false, null, null, null),
                new PurposeSpec(purpose, null, null),
                new LegalBasis(basis, null, null, null, null, null),
                new DataSpec(List.of("identity", "contact"), "data-subject", null, null, null),
                new Subjects(List.of("customers"), List.of(i % 3 == 0 ? "DE" : "FR"), null, null),
                null, null, new Retention(365, null), null, null, null, null, new Transparency(true), null, null, null, null);
    }

    @Test
    void flipCountsAreRight() throws Exception {
        String from = Instant.now().toString();
        int allowedCare = 0;
        for (int i = 0; i < PER_KIND; i++) {
            if (decisions.decide(request("customer-care", "6(1)(b)", i), lexgate.security.Caller.ANONYMOUS).decision().outcome().name().equals("ALLOW")) allowedCare++;
            decisions.decide(request("order-fulfilment", "6(1)(b)", i), lexgate.security.Caller.ANONYMOUS);
            decisions.decide(request("direct-marketing", "6(1)(b)", i), lexgate.security.Caller.ANONYMOUS);
        }
        assertEquals(PER_KIND, allowedCare, "every generated customer-care decision is an ALLOW before the change");

        Path purposes = TempRules.Profile.dir(TempRules.ForImpact.class).resolve("policies/purposes.yaml");
        String yaml = Files.readString(purposes);
        String changed = yaml.replace("  customer-care:\n    strictlyNecessaryTrackers: true\n    label: Customer support\n    contractual: true",
                "  customer-care:\n    strictlyNecessaryTrackers: true\n    label: Customer support\n    contractual: false");
        assertTrue(!changed.equals(yaml), "the test must change the taxonomy");
        Files.writeString(purposes, changed);

        String id = given().contentType("application/json")
                .body(Map.of("target", "candidate", "filter", Map.of("from", from,
                        "purposes", List.of("customer-care", "order-fulfilment", "direct-marketing"))))
                .when().post("/v1/replays").then().statusCode(202).extract().path("replayId");
        String status = "queued";
        for (int i = 0; i < 600 && !status.equals("done") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status = given().when().get("/v1/replays/" + id).then().statusCode(200).extract().path("status");
        }
        given().when().get("/v1/replays/" + id).then()
                .body("status", equalTo("done"))
                .body("progress.total", equalTo(3 * PER_KIND))
                .body("progress.processed", equalTo(3 * PER_KIND))
                .body("changed", equalTo(PER_KIND))
                .body("flips.'ALLOW->DENY'", equalTo(PER_KIND))
                .body("flips.'ALLOW->ALLOW'", equalTo(PER_KIND))
                .body("flips.'DENY->DENY'", equalTo(PER_KIND));
        given().when().get("/v1/replays/" + id + "/changes?size=100&page=2").then().statusCode(200)
                .body("total", equalTo(PER_KIND))
                .body("items", hasSize(100))
                .body("items[0].outcomeBefore", equalTo("ALLOW"))
                .body("items[0].outcomeAfter", equalTo("DENY"))
                .body("items[0].diff.reasonsAdded[0].rule", equalTo("eu.gdpr.a6-1-b.not-necessary"));
        // The candidate was analysed, not activated.
        given().when().get("/v1/rulesets/active").then().body("digest", org.hamcrest.Matchers.not(equalTo(
                given().when().get("/v1/replays/" + id).then().extract().path("target"))));
    }
}
