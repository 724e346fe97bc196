package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import lexgate.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Level;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every stored decision is logged once (OPA's decision log): its id, outcome, ruleset digest,
 * client and timings; never the request's own text.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class DecisionLogTest {

    @Test
    void oneLineWithIdOutcomeDigestClientAndTimingsButNoRequestText() {
        String marker = "secret-customer-list-7f3a";
        String id;
        String digest;
        List<String> lines;
        try (LogCapture log = LogCapture.of("lexgate.decisions", Level.INFO)) {
            var body = given().contentType("application/json")
                    .body(DecisionApiTest.DELIVERY.replace("\"t-1\"", "\"" + marker + "\""))
                    .when().post("/v1/decisions").then().statusCode(201).extract().jsonPath();
            id = body.getString("decisionId");
            digest = body.getString("ruleset.digest");
            lines = log.messages("");
        }
        List<String> mine = lines.stream().filter(l -> l.contains(id)).toList();
        assertEquals(1, mine.size(), "one log line per decision: " + lines);
        String line = mine.get(0);
        assertTrue(line.matches("decision " + id + " outcome=ALLOW ruleset=" + java.util.regex.Pattern.quote(digest)
                + " client=\\S+ evalMicros=\\d+ totalMicros=\\d+"), line);
        assertFalse(line.contains(marker), "no request text in the log: " + line);
    }
}
