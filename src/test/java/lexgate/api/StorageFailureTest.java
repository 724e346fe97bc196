package lexgate.api;

import io.quarkus.test.junit.QuarkusTest;
import lexgate.testing.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A decision that could not be stored is never returned: with the decision table out of reach the
 * client gets 503 and no decision, and once storage is back decisions flow again.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class StorageFailureTest {

    @Test
    void unstorableDecisionIs503AndNotReturned() throws Exception {
        long before = count();
        exec("ALTER TABLE decision RENAME TO decision_offline");
        try {
            given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                    .when().post("/v1/decisions")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("decisionId", equalTo(null))
                    .body("outcome", equalTo(null))
                    .body(not(containsString("SQL")));
        } finally {
            exec("ALTER TABLE decision_offline RENAME TO decision");
        }
        assertEquals(before, count(), "nothing may be stored for a failed request");
        given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions")
                .then().statusCode(201);
        assertEquals(before + 1, count());
    }

    private void exec(String sql) throws Exception {
        try (Connection c = TestDb.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count() throws Exception {
        try (Connection c = TestDb.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM decision")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
