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

import io.restassured.path.json.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An impact job over a few thousand generated decisions: changing the purpose taxonomy so that
 * customer care is no longer contractual flips exactly the customer-care contract decisions.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
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
            if (decisions.decide(request("customer-care", "6(1)(b)", i), "anonymous").decision().outcome().name().equals("ALLOW")) allowedCare++;
            decisions.decide(request("order-fulfilment", "6(1)(b)", i), "anonymous");
            decisions.decide(request("direct-marketing", "6(1)(b)", i), "anonymous");
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

        reportAReviewerCanHandOver(id, from);
        againstTheActiveRulesetOnAnAsOfWindow(from);
    }

    /** Issue 19: the analysis is listed, and its report separates changed from unchanged, names each changed decision, and exports as CSV. */
    void reportAReviewerCanHandOver(String id, String from) throws Exception {
        given().when().get("/v1/replays").then().statusCode(200)
                .body("items.replayId", hasItem(id))
                .body("items.find { it.replayId == '" + id + "' }.createdBy", equalTo("anonymous"))
                .body("items.find { it.replayId == '" + id + "' }.baseline", equalTo("stored"))
                .body("items.find { it.replayId == '" + id + "' }.target", startsWith("sha256:"))
                .body("items.find { it.replayId == '" + id + "' }.filter.storedFrom", equalTo(from))
                .body("items.find { it.replayId == '" + id + "' }.filter.from", equalTo(from))
                .body("items.find { it.replayId == '" + id + "' }.progress.processed", equalTo(3 * PER_KIND));
        given().queryParam("limit", 0).when().get("/v1/replays").then().statusCode(422).body("errors.field", hasItem("limit"));

        JsonPath rep = given().queryParam("limit", 300).when().get("/v1/replays/" + id + "/report").then().statusCode(200)
                .body("summary.changed", equalTo(PER_KIND))
                .body("summary.unchanged", equalTo(2 * PER_KIND))
                .body("summary.outcomeChanged", equalTo(PER_KIND))
                .body("summary.before.ALLOW", equalTo(2 * PER_KIND))
                .body("summary.before.DENY", equalTo(PER_KIND))
                .body("summary.after.ALLOW", equalTo(PER_KIND))
                .body("summary.after.DENY", equalTo(2 * PER_KIND))
                .body("changes", hasSize(300))
                .body("changes[0].purpose", equalTo("customer-care"))
                .body("changes[0].operationId", startsWith("gen-customer-care-"))
                .body("changes[0].controller", startsWith("Generated "))
                .body("changes[0].asOf", startsWith("2025-06-0"))
                .body("changes[0].outcomeBefore", equalTo("ALLOW"))
                .body("changes[0].outcomeAfter", equalTo("DENY"))
                .body("changes[0].outcomeChanged", equalTo(true))
                .body("changes[0].reasonsAdded", hasItem("eu.gdpr.a6-1-b.not-necessary"))
                .extract().jsonPath();
        // Every changed decision once, over pages.
        List<String> seen = new ArrayList<>(rep.getList("changes.decisionId", String.class));
        String next = rep.getString("next");
        while (next != null) {
            JsonPath p = given().queryParam("limit", 300).queryParam("cursor", next).when().get("/v1/replays/" + id + "/report")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(p.getList("changes.decisionId", String.class));
            next = p.getString("next");
        }
        assertEquals(PER_KIND, seen.size());
        assertEquals(PER_KIND, new HashSet<>(seen).size(), "no duplicates");
        given().queryParam("cursor", "nonsense").when().get("/v1/replays/" + id + "/report").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().when().get("/v1/replays/no-such-replay/report").then().statusCode(404);

        // CSV of every changed decision, read back with a standard CSV reader, equals the JSON rows.
        String csv = given().accept("text/csv").when().get("/v1/replays/" + id + "/report").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertEquals(lexgate.api.ReplayResource.REPORT_CSV_HEADER, p.getHeaderNames());
            records = p.getRecords();
        }
        assertEquals(PER_KIND, records.size());
        for (int i = 0; i < 300; i++) {
            CSVRecord r = records.get(i);
            assertEquals(rep.getString("changes[" + i + "].decisionId"), r.get("decisionId"));
            for (String f : List.of("operationId", "purpose", "controller", "asOf", "storedAt", "outcomeBefore", "outcomeAfter")) {
                assertEquals(rep.getString("changes[" + i + "]." + f), r.get(f), f);
            }
            assertEquals(String.join(";", rep.getList("changes[" + i + "].reasonsAdded", String.class)), r.get("reasonsAdded"));
            assertEquals(String.join(";", rep.getList("changes[" + i + "].reasonsRemoved", String.class)), r.get("reasonsRemoved"));
        }
    }

    /** Issue 19: the candidate against what serves now (baseline "active"), on an asOf window named as such. */
    void againstTheActiveRulesetOnAnAsOfWindow(String from) throws Exception {
        given().contentType("application/json").body(Map.of("target", "candidate", "baseline", "yesterday"))
                .when().post("/v1/replays").then().statusCode(422);
        given().contentType("application/json").body(Map.of("target", "candidate", "filter", Map.of("asOfFrom", "June")))
                .when().post("/v1/replays").then().statusCode(422);
        String activeDigest = given().when().get("/v1/rulesets/active").then().extract().path("digest");
        String id = given().contentType("application/json")
                .body(Map.of("target", "candidate", "baseline", "active", "filter", Map.of("storedFrom", from,
                        "asOfFrom", "2025-06-01", "asOfTo", "2025-06-03", "purposes", List.of("customer-care", "order-fulfilment"))))
                .when().post("/v1/replays").then().statusCode(202).extract().path("replayId");
        String status = "queued";
        for (int i = 0; i < 600 && !status.equals("done") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status = given().when().get("/v1/replays/" + id).then().statusCode(200).extract().path("status");
        }
        int inWindow = 0;
        for (int i = 0; i < PER_KIND; i++) if (i % 9 <= 2) inWindow++;
        given().when().get("/v1/replays/" + id + "/report").then().statusCode(200)
                .body("status", equalTo("done"))
                .body("baseline", equalTo("active"))
                .body("baselineDigest", equalTo(activeDigest))
                .body("filter.asOfFrom", equalTo("2025-06-01"))
                .body("progress.total", equalTo(2 * inWindow))
                .body("summary.changed", equalTo(inWindow))
                .body("summary.unchanged", equalTo(inWindow))
                .body("summary.before.ALLOW", equalTo(2 * inWindow))
                .body("summary.after.DENY", equalTo(inWindow))
                .body("changes.asOf.every { it >= '2025-06-01' && it <= '2025-06-03' }", equalTo(true));
    }
}
