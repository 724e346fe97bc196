package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import lexgate.api.DecisionApiTest;
import lexgate.rules.ActiveRuleset;
import lexgate.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Level;

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
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class NonBlockingDecisionTest {

    @Inject
    RulesetStore rulesets;

    @Inject
    ActiveRuleset active;

    @Test
    void aDecisionIsFinishedOnTheRequestsIoThreadNotOnTheWriter() {
        List<LogCapture.Line> lines;
        try (LogCapture log = LogCapture.of("lexgate.decisions", Level.INFO)) {
            given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                    .when().post("/v1/decisions").then().statusCode(201);
            lines = log.lines("decision ");
        }
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).thread().startsWith("vert.x-eventloop-thread-"), "logged on " + lines.get(0).thread());
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
}
