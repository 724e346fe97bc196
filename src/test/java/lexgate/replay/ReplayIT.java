package lexgate.replay;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.api.DecisionApiTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Replay and impact analysis on the packaged jar: a stored decision replayed unchanged; then the
 * purpose taxonomy in the jar's rules directory (a copy, see {@link JarUnderTest}) changed so that
 * customer care is no longer contractual, and an analysis of that candidate flips exactly the
 * customer-care decisions, listed in its report (JSON and CSV), without activating anything.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class ReplayIT {
    static final int PER_KIND = 15;

    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    static String body(String purpose, int i) {
        return DecisionApiTest.DELIVERY.replace("\"t-1\"", "\"it-" + purpose + "-" + i + "\"")
                .replace("\"order-fulfilment\"", "\"" + purpose + "\"");
    }

    @Test
    void aStoredDecisionReplaysUnchanged() {
        String id = given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                .then().statusCode(201).extract().path("decisionId");
        given().contentType("application/json").body("{}").when().post("/v1/decisions/" + id + "/replay")
                .then().statusCode(200).body("diff.changed", equalTo(false));
        given().contentType("application/json").body("{}").when().post("/v1/decisions/nope/replay")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anImpactAnalysisOfACandidateFlipsExactlyTheAffectedDecisions() throws Exception {
        String from = Instant.now().toString();
        for (int i = 0; i < PER_KIND; i++) {
            for (String purpose : List.of("customer-care", "order-fulfilment")) {
                given().contentType("application/json").body(body(purpose, i)).when().post("/v1/decisions")
                        .then().statusCode(201).body("outcome", equalTo("ALLOW"));
            }
        }
        String active = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("digest");
        Path purposes = JarUnderTest.runDir().resolve("policies/purposes.yaml");
        String yaml = Files.readString(purposes);
        String changed = yaml.replace("  customer-care:\n    strictlyNecessaryTrackers: true\n    label: Customer support\n    contractual: true",
                "  customer-care:\n    strictlyNecessaryTrackers: true\n    label: Customer support\n    contractual: false");
        assertNotEquals(yaml, changed, "the test must change the taxonomy");
        Files.writeString(purposes, changed);
        try {
            String id = given().contentType("application/json")
                    .body(Map.of("target", "candidate", "filter", Map.of("from", from,
                            "purposes", List.of("customer-care", "order-fulfilment"))))
                    .when().post("/v1/replays").then().statusCode(202).extract().path("replayId");
            String status = "queued";
            for (int i = 0; i < 1200 && !status.equals("done") && !status.equals("failed"); i++) {
                Thread.sleep(100);
                status = given().when().get("/v1/replays/" + id).then().statusCode(200).extract().path("status");
            }
            given().when().get("/v1/replays/" + id).then()
                    .body("status", equalTo("done"))
                    .body("progress.total", equalTo(2 * PER_KIND))
                    .body("changed", equalTo(PER_KIND))
                    .body("flips.'ALLOW->DENY'", equalTo(PER_KIND))
                    .body("flips.'ALLOW->ALLOW'", equalTo(PER_KIND))
                    .body("target", not(equalTo(active)));
            given().when().get("/v1/replays/" + id + "/report").then().statusCode(200)
                    .body("summary.changed", equalTo(PER_KIND))
                    .body("summary.unchanged", equalTo(PER_KIND))
                    .body("changes", hasSize(PER_KIND))
                    .body("changes.purpose", org.hamcrest.Matchers.everyItem(equalTo("customer-care")))
                    .body("changes[0].reasonsAdded", hasItem("eu.gdpr.a6-1-b.not-necessary"));
            String csv = given().accept("text/csv").when().get("/v1/replays/" + id + "/report").then().statusCode(200)
                    .contentType(startsWith("text/csv")).extract().asString();
            assertEquals(PER_KIND + 1, csv.split("\r\n").length, "a header and one line per changed decision:\n" + csv);
            // Analysed, not activated.
            given().when().get("/v1/rulesets/active").then().body("digest", equalTo(active));
        } finally {
            Files.writeString(purposes, yaml);
        }
    }
}
