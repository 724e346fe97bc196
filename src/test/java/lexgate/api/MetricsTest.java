package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's view: /q/metrics (Prometheus) carries the decision path's metrics, and they move. */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class MetricsTest {
    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first sample whose name and labels start with {@code prefix}, or -1. */
    static double sample(String text, String prefix) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "[^\\n]* ([0-9.eE+-]+|NaN)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void decisionsCommitsAndTheEngineAreMeasured() {
        String version = given().when().get("/v1/rulesets/active").then().statusCode(200).extract().path("version");
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201);
        String before = metrics();
        String allowed = "lexgate_decisions_total{outcome=\"ALLOW\",ruleset=\"" + version + "\"";
        double n = sample(before, allowed);
        assertTrue(n >= 1, "decisions counted by outcome and ruleset:\n" + before.lines().filter(l -> l.startsWith("lexgate")).toList());
        double commits = sample(before, "lexgate_commit_seconds_count");
        double evaluations = sample(before, "lexgate_evaluation_seconds_count");

        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201);
        String after = metrics();
        assertEquals(n + 1, sample(after, allowed), "one more ALLOW");
        assertEquals(evaluations + 1, sample(after, "lexgate_evaluation_seconds_count"), "one more evaluation timed");
        assertTrue(sample(after, "lexgate_commit_seconds_count") >= commits + 1, "the commit was timed");
        assertTrue(sample(after, "lexgate_evaluation_seconds_bucket") >= 0, "evaluation latency is a histogram");
        assertTrue(sample(after, "lexgate_commit_seconds_bucket") >= 0, "commit latency is a histogram");
        assertTrue(sample(after, "lexgate_commit_batch_size_count") >= 1, "batch sizes");
        assertTrue(sample(after, "lexgate_writer_queue_depth") >= 0, "writer queue depth");
        assertTrue(sample(after, "lexgate_sessions_idle") >= 0, "warm sessions");
        assertTrue(sample(after, "lexgate_replays_running") >= 0, "replays running");
        assertTrue(sample(after, "lexgate_storage_errors_total") >= 0, "storage errors");
        assertTrue(sample(after, "lexgate_decisions_not_stored_total") >= 0, "decisions not stored");
        assertTrue(sample(after, "lexgate_evaluation_overruns_total") >= 0, "evaluation overruns");
    }
}
