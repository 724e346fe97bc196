package lexgate.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import lexgate.api.DecisionApiTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/audit/verify on the packaged jar, and tampering done by this test over JDBC to the
 * jar's own database (a stored answer rewritten, the chain head replaced, a record rewritten with
 * every later hash recomputed): each is named, and the record is intact again once undone.
 * {@link TamperTest} covers every kind in process; this is the same verifier in the shipped jar.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class AuditVerifyIT {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    static JsonPath verify() {
        return given().when().get("/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    static Object one(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getObject(1);
            }
        }
    }

    static void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            p.executeUpdate();
        }
    }

    /** On PostgreSQL the tables are append-only for everyone (a trigger); the test steps around it as the superuser. */
    static Connection tamperer() throws Exception {
        Connection c = JarClient.database();
        if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET session_replication_role = replica");
            }
        }
        return c;
    }

    interface Sql {
        void run(Connection c) throws Exception;
    }

    /** Tampers, checks the verifier names it with the expected words, undoes, checks it is intact again. */
    static void named(String what, Sql tamper, Sql undo, String expect) throws Exception {
        try (Connection c = tamperer()) {
            tamper.run(c);
        }
        JsonPath v = verify();
        assertFalse(v.getBoolean("intact"), what + " was not seen: " + v.prettify());
        String all = v.getList("problems", String.class) + " " + v.getString("firstMismatch.problem");
        assertTrue(all.contains(expect), what + ": expected '" + expect + "' in " + all);
        try (Connection c = tamperer()) {
            undo.run(c);
        }
        JsonPath back = verify();
        assertTrue(back.getBoolean("intact"), "after undoing " + what + ": " + back.prettify());
    }

    @Test
    void tamperingOverJdbcIsNamedByTheJar() throws Exception {
        for (int i = 0; i < 6; i++) {
            given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("\"t-1\"", "\"it-tamper-" + i + "\""))
                    .when().post("/v1/decisions").then().statusCode(201);
        }
        given().when().post("/v1/audit/checkpoints").then().statusCode(200);
        JsonPath ok = verify();
        assertTrue(ok.getBoolean("intact"), ok.prettify());

        long last;
        String id;
        try (Connection c = JarClient.database()) {
            last = ((Number) one(c, "SELECT MAX(seq) FROM decision")).longValue();
            id = (String) one(c, "SELECT id FROM decision WHERE seq = ?", last - 2);
        }
        String[] saved = new String[2];
        named("a stored answer rewritten", c -> {
            saved[0] = (String) one(c, "SELECT response_json FROM decision WHERE id = ?", id);
            exec(c, "UPDATE decision SET response_json = ? WHERE id = ?",
                    saved[0].replace("\"outcome\":\"ALLOW\"", "\"outcome\":\"DENY\""), id);
        }, c -> exec(c, "UPDATE decision SET response_json = ? WHERE id = ?", saved[0], id), "does not match its hash");
        assertTrue(saved[0].contains("\"outcome\":\"ALLOW\""), "the rewrite changed the stored answer");

        named("the chain head replaced", c -> {
            saved[1] = (String) one(c, "SELECT hash FROM chain_head WHERE id = 1");
            exec(c, "UPDATE chain_head SET hash = ? WHERE id = 1", "sha256:" + "0".repeat(64));
        }, c -> exec(c, "UPDATE chain_head SET hash = ? WHERE id = 1", saved[1]), "chain head");

        String[][] rows = new String[3][];
        named("a record rewritten and every later hash recomputed", c -> {
            long from = last - 2;
            String prev = (String) one(c, "SELECT prev_hash FROM decision WHERE seq = ?", from);
            for (long s = from; s <= last; s++) {
                lexgate.store.DecisionRecord r = read(c, s);
                rows[(int) (s - from)] = new String[] {r.responseJson, r.prevHash, r.hash};
                if (s == from) r.responseJson = r.responseJson.replace("\"outcome\":\"ALLOW\"", "\"outcome\":\"DENY\"");
                r.prevHash = prev;
                r.hash = lexgate.store.DecisionChain.hash(r, prev);
                exec(c, "UPDATE decision SET response_json = ?, prev_hash = ?, hash = ? WHERE seq = ?", r.responseJson, r.prevHash, r.hash, s);
                prev = r.hash;
            }
            saved[1] = (String) one(c, "SELECT hash FROM chain_head WHERE id = 1");
            exec(c, "UPDATE chain_head SET hash = ? WHERE id = 1", prev);
        }, c -> {
            for (int k = 0; k < 3; k++) {
                exec(c, "UPDATE decision SET response_json = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                        rows[k][0], rows[k][1], rows[k][2], last - 2 + k);
            }
            exec(c, "UPDATE chain_head SET hash = ? WHERE id = 1", saved[1]);
        }, "do not give the Merkle root signed");
    }

    static lexgate.store.DecisionRecord read(Connection c, long seq) throws Exception {
        try (PreparedStatement p = c.prepareStatement("SELECT " + TamperTest.COLUMNS + " FROM decision WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                return RecordVerifier.read(rs);
            }
        }
    }
}
