package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import lexgate.testing.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The writer's append path by database: on PostgreSQL a batch is one statement (head move and
 * insert together), elsewhere a transaction of three. Either way the stored record is byte for byte
 * what was served, also for text that a SQL or array literal would have to escape, and the chain
 * head follows. (SingleStatementAppendIT runs it against the packaged jar, on H2 and on PostgreSQL.)
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class SingleStatementAppendTest {

    /**
     * Whether the writer appends in one statement, asked of the bean in process; null against the
     * packaged jar (SingleStatementAppendIT), whose writer the test JVM cannot see: there the stored
     * bytes and the head are checked, on whichever database the jar was configured for.
     */
    Boolean singleStatement() {
        return io.quarkus.arc.Arc.container().instance(DecisionWriter.class).get().singleStatement();
    }

    @Test
    void onePassOnPostgresqlOnlyAndTheRecordIsExactlyTheBodyServed() throws Exception {
        String product;
        try (Connection c = TestDb.connection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        Boolean single = singleStatement();
        if (single != null) assertEquals("PostgreSQL".equals(product), single, "append path on " + product);

        // Quotes, backslashes, a SQL comment marker, non-ASCII and an escaped control character.
        String opId = "op \"quoted\" \\ back\\slash -- not a comment; 'single' ü € 𝄞 \\n";
        String body = lexgate.api.DecisionApiTest.DELIVERY.replace("\"operationId\":\"t-1\"",
                "\"operationId\":" + json(opId));
        for (int i = 0; i < 3; i++) {
            Response r = given().contentType("application/json").body(body).when().post("/v1/decisions");
            r.then().statusCode(201);
            String id = r.path("decisionId");
            try (Connection c = TestDb.connection();
                 PreparedStatement q = c.prepareStatement("SELECT response_json, operation_id, seq FROM decision WHERE id = ?");
                 PreparedStatement h = c.prepareStatement("SELECT seq, hash FROM chain_head WHERE id = 1")) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertEquals(r.asString(), rs.getString(1), "stored JSON is the body served");
                    assertEquals(opId, rs.getString(2));
                    long seq = rs.getLong(3);
                    try (ResultSet hr = h.executeQuery()) {
                        hr.next();
                        assertEquals(seq, hr.getLong(1), "the head moved to the last decision");
                    }
                }
            }
        }
        given().when().get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private static String json(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    }
}
