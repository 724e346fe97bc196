package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import lexgate.api.DecisionApiTest;
import lexgate.testing.LogCapture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A commit at or over {@code lexgate.store.slow-commit} is logged with its duration and batch size,
 * so that an operator (and bench/run) can tell a slow disk from a slow service in the POST tail.
 * Below the threshold nothing is logged.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class SlowCommitLogTest {

    @Inject
    DecisionWriter store;

    @ConfigProperty(name = "lexgate.store.slow-commit", defaultValue = "10ms")
    Duration configured;

    @Test
    void aCommitOverTheThresholdIsLoggedOnceWithItsBatch() {
        List<String> lines = capture(Duration.ofHours(1));
        assertEquals(List.of(), lines, "nothing under the threshold");
        lines = capture(Duration.ZERO);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("slow commit: \\d+ ms for a batch of 1 decisions, \\d+ queued behind it"), lines.get(0));
    }

    private List<String> capture(Duration threshold) {
        try (LogCapture log = LogCapture.of(DecisionStore.class.getName(), null)) {
            store.slowCommitThreshold(threshold);
            try {
                given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                        .when().post("/v1/decisions").then().statusCode(201);
            } finally {
                store.slowCommitThreshold(configured);
            }
            return log.messages("slow commit");
        }
    }
}
