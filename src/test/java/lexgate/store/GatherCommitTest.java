package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import lexgate.api.DecisionApiTest;
import lexgate.testing.LogCapture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Before a commit the writer waits (up to {@code lexgate.store.gather-micros}) for the decisions
 * being evaluated at that moment, so that they share the commit; when nothing is being evaluated
 * it commits at once. The window is stretched to 10 s here so that waiting and not waiting cannot
 * be confused; the batch sizes come from the writer's slow-commit log (threshold 0).
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class GatherCommitTest {

    @Inject
    DecisionWriter store;

    @ConfigProperty(name = "lexgate.store.slow-commit", defaultValue = "10ms")
    Duration slowCommit;

    @ConfigProperty(name = "lexgate.store.gather-micros", defaultValue = "200")
    long gatherMicros;

    @Test
    void aCommitWaitsForTheDecisionsBeingEvaluatedAndOnlyForThem() throws Exception {
        LogCapture log = LogCapture.of(DecisionStore.class.getName(), null);
        store.gatherWindow(Duration.ofSeconds(10));
        store.slowCommitThreshold(Duration.ZERO);
        boolean announced = false;
        try {
            // Nothing else being evaluated: a lone decision does not wait for the window.
            long t0 = System.nanoTime();
            post();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "a lone decision waited for the gather window");

            // One decision announced as being evaluated: the next commit waits for it, then holds both.
            store.announce();
            announced = true;
            CompletableFuture<Void> first = CompletableFuture.runAsync(this::post);
            Thread.sleep(300);
            assertFalse(first.isDone(), "the first decision was committed without waiting for the one being evaluated");
            store.withdraw();
            announced = false;
            post();
            first.get(10, TimeUnit.SECONDS);
        } finally {
            if (announced) store.withdraw();
            store.gatherWindow(Duration.ofNanos(gatherMicros * 1_000));
            store.slowCommitThreshold(slowCommit);
            log.close();
        }
        List<String> lines = log.messages("slow commit");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("a batch of 1 decisions"), lines.get(0));
        assertTrue(lines.get(1).contains("a batch of 2 decisions"), lines.get(1));
    }

    private void post() {
        given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201);
    }
}
