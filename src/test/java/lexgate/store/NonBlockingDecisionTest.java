package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import lexgate.api.DecisionApiTest;
import lexgate.rules.ActiveRuleset;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/decisions} runs on the I/O thread that read the request and parks no thread while
 * its record commits: the decision is finished (logged, answered) on that I/O thread, not on the
 * writer thread that commits every decision. What may block (the first decision of a ruleset not
 * yet known to be on record) moves to a worker thread; done on the I/O thread, Quarkus would refuse
 * the database call and the request would fail with 503.
 */
@QuarkusTest
class NonBlockingDecisionTest {

    @Inject
    RulesetStore rulesets;

    @Inject
    ActiveRuleset active;

    @Test
    void aDecisionIsFinishedOnTheRequestsIoThreadNotOnTheWriter() {
        List<String> threads = captureDecisionLogThreads(() -> given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201));
        assertEquals(1, threads.size(), threads.toString());
        assertTrue(threads.get(0).startsWith("vert.x-eventloop-thread-"), "logged on " + threads.get(0));
    }

    @Test
    void theFirstDecisionOfARulesetNotKnownToBeOnRecordChecksTheRecordOffTheIoThread() {
        rulesets.forgetStored();
        assertTrue(!rulesets.isStored(active.get()));
        given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201);
        assertTrue(rulesets.isStored(active.get()), "the ruleset is known to be on record again");
        given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201);
    }

    /** The names of the threads that logged a decision line while {@code action} ran. */
    private static List<String> captureDecisionLogThreads(Runnable action) {
        Logger logger = Logger.getLogger("lexgate.decisions");
        Level before = logger.getLevel();
        List<String> threads = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!r.getMessage().startsWith("decision ")) return;
                synchronized (threads) {
                    threads.add(r instanceof ExtLogRecord x ? x.getThreadName() : "unknown");
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
        try {
            action.run();
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        synchronized (threads) {
            return List.copyOf(threads);
        }
    }
}
