package lexgate.replay;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import lexgate.decision.DecisionService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The impact analysis reads the stored decisions in keyset pages ordered by (evaluatedAt, id).
 * Decisions stored in the same millisecond share evaluatedAt, so a page may end between two of
 * them; with pages of one decision every such pair meets at a boundary. Each decision must be
 * replayed once: none skipped, none twice; and none stored after the job started.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
@TestProfile(TempRules.ForImpactPaging.class)
class ImpactAnalysisPagingTest {
    static final int THREADS = 8, EACH = 30;

    @Inject
    DecisionService decisions;

    @Test
    void everyDecisionIsReplayedOnceAcrossPagesThatSplitAMillisecond() throws Exception {
        String from = Instant.now().toString();
        // Stored from eight threads at once, so that many share a millisecond.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String[]>>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int base = t * EACH;
            parts.add(pool.submit(() -> {
                List<String[]> out = new ArrayList<>();
                for (int i = base; i < base + EACH; i++) {
                    var d = decisions.decide(ImpactAnalysisTest.request("order-fulfilment", "6(1)(b)", i), "anonymous").decision();
                    out.add(new String[] {d.decisionId(), d.outcome().name()});
                }
                return out;
            }));
        }
        List<String[]> stored = new ArrayList<>();
        for (var f : parts) stored.addAll(f.get());
        pool.shutdown();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> times = new ArrayList<>();
        for (String[] d : stored) {
            outcomes.merge(d[1], 1, Integer::sum);
            times.add(given().when().get("/v1/decisions/" + d[0]).then().statusCode(200).extract().path("evaluatedAt"));
        }
        Collections.sort(times);
        int shared = 0;
        for (int i = 1; i < times.size(); i++) if (times.get(i).equals(times.get(i - 1))) shared++;
        assertTrue(shared > 0, "some of the " + times.size() + " decisions must share a millisecond for this test to mean anything");

        String id = given().contentType("application/json")
                .body(Map.of("target", "active", "filter", Map.of("from", from, "purposes", List.of("order-fulfilment"))))
                .when().post("/v1/replays").then().statusCode(202).extract().path("replayId");
        // Decisions stored while the job runs are not part of it: it covers what was stored when it started.
        for (int i = 0; i < 20; i++) decisions.decide(ImpactAnalysisTest.request("order-fulfilment", "6(1)(b)", 1000 + i), "anonymous");
        String status = "queued";
        for (int i = 0; i < 1200 && !status.equals("done") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status = given().when().get("/v1/replays/" + id).then().statusCode(200).extract().path("status");
        }
        var r = given().when().get("/v1/replays/" + id).then()
                .body("status", equalTo("done"))
                .body("progress.total", equalTo(THREADS * EACH))
                .body("progress.processed", equalTo(THREADS * EACH))
                .body("progress.failed", equalTo(0))
                .body("changed", equalTo(0));
        for (var e : outcomes.entrySet()) r.body("flips.'" + e.getKey() + "->" + e.getKey() + "'", equalTo(e.getValue()));
    }
}
