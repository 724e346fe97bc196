package lexgate.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import lexgate.api.DecisionApiTest;
import lexgate.testing.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of tampering with the stored record is named by GET /v1/audit/verify: each column a
 * reader or replay uses, a stored ruleset's files, a deleted tail with the head moved back, a
 * rewrite with every later hash recomputed (found by the signed checkpoint), reordering, and the
 * chain head. Each kind is applied to the record as it stands, verified, and undone exactly, so
 * that every kind meets an intact store.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
@TestProfile(TamperTest.OwnStore.class)
class TamperTest {
    /** A store of its own: tampering must not touch the other tests' record. */
    public static class OwnStore implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:lexgate-tamper;DB_CLOSE_DELAY=-1");
        }
    }

    interface Sql {
        void run(Connection c) throws Exception;
    }

    /** One kind of tampering: what it does, how to undo it, and words the verifier must use. */
    record Kind(String name, Sql tamper, Sql undo, String expect) {}

    void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            p.executeUpdate();
        }
    }

    Object one(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    /** On PostgreSQL the tables are append-only for everyone (a trigger); the test steps around it as the superuser. */
    void allowChanges(Connection c) throws Exception {
        if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET session_replication_role = replica");
            }
        }
    }

    JsonPath verify() {
        return given().when().get("/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyKindOfTamperingIsNamed() throws Exception {
        for (int i = 0; i < 12; i++) {
            given().contentType("application/json").body(DecisionApiTest.DELIVERY.replace("\"t-1\"", "\"tamper-" + i + "\""))
                    .when().post("/v1/decisions").then().statusCode(201);
        }
        // The checkpoint someone kept before the tampering.
        given().when().post("/v1/audit/checkpoints").then().statusCode(200);
        JsonPath ok = verify();
        assertTrue(ok.getBoolean("intact"), ok.prettify());

        List<Kind> kinds = new ArrayList<>();
        long mid;
        String id;
        String digest;
        long last;
        try (Connection c = TestDb.connection()) {
            last = ((Number) one(c, "SELECT MAX(seq) FROM decision")).longValue();
            // One of the decisions posted above (an ALLOW), not whatever stands halfway in a record
            // other tests share (TamperIT): forging its outcome to DENY must change it.
            mid = ((Number) one(c, "SELECT MAX(seq) FROM decision WHERE operation_id = ?", "tamper-6")).longValue();
            id = (String) one(c, "SELECT id FROM decision WHERE seq = ?", mid);
            digest = (String) one(c, "SELECT ruleset_digest FROM decision WHERE seq = ?", mid);
        }
        for (String[] col : new String[][] {{"response_json", "text"}, {"request_json", "text"}, {"client", "text"},
                {"outcome", "text"}, {"purpose", "text"}, {"operation_id", "text"}, {"ruleset_version", "text"},
                {"as_of", "date"}, {"duration_micros", "long"}, {"evaluated_at", "time"}}) {
            String column = col[0];
            Object[] saved = new Object[1];
            kinds.add(new Kind("column " + column, c -> {
                saved[0] = one(c, "SELECT " + column + " FROM decision WHERE id = ?", id);
                Object forged = switch (col[1]) {
                    case "date" -> java.sql.Date.valueOf("2019-01-01");
                    case "long" -> 1L;
                    case "time" -> java.time.OffsetDateTime.parse("2019-01-01T00:00:00Z");
                    default -> column.equals("outcome") ? ("DENY".equals(saved[0]) ? "ALLOW" : "DENY") : column.endsWith("json")
                            ? ((String) saved[0]).replaceFirst("\"", "\"x") : "forged";
                };
                exec(c, "UPDATE decision SET " + column + " = ? WHERE id = ?", forged, id);
            }, c -> exec(c, "UPDATE decision SET " + column + " = ? WHERE id = ?", saved[0], id), "does not match its hash"));
        }
        // The listing columns are not hashed (V7__decision_listing.sql): the verifier checks them
        // against the hashed JSON they come from.
        for (String[] col : new String[][] {{"listed_rules", "listed rules do not match its response"},
                {"listed_controller", "listed controller does not match its request"}}) {
            String column = col[0];
            Object[] saved = new Object[1];
            kinds.add(new Kind("column " + column, c -> {
                saved[0] = one(c, "SELECT " + column + " FROM decision WHERE id = ?", id);
                exec(c, "UPDATE decision SET " + column + " = ? WHERE id = ?", column.equals("listed_rules")
                        ? "eu.gdpr.art6-1-a.consent" : "Forged Controller", id);
            }, c -> exec(c, "UPDATE decision SET " + column + " = ? WHERE id = ?", saved[0], id), col[1]));
        }
        String[] files = new String[1];
        kinds.add(new Kind("a stored ruleset's files", c -> {
            files[0] = (String) one(c, "SELECT files_json FROM ruleset WHERE digest = ?", digest);
            exec(c, "UPDATE ruleset SET files_json = ? WHERE digest = ?", files[0].replace("Finding.deny(", "Finding.permit("), digest);
        }, c -> exec(c, "UPDATE ruleset SET files_json = ? WHERE digest = ?", files[0], digest), "they were edited"));
        Object[][] tail = new Object[1][];
        Object[] head = new Object[2];
        kinds.add(new Kind("the last record deleted and the head moved back", c -> {
            tail[0] = row(c, last);
            head[0] = one(c, "SELECT seq FROM chain_head WHERE id = 1");
            head[1] = one(c, "SELECT hash FROM chain_head WHERE id = 1");
            exec(c, "DELETE FROM decision WHERE seq = ?", last);
            exec(c, "UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", last - 1, one(c, "SELECT hash FROM decision WHERE seq = ?", last - 1));
        }, c -> {
            insert(c, tail[0]);
            exec(c, "UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", head[0], head[1]);
        }, "records were removed"));
        List<Object[]> rows = new ArrayList<>();
        kinds.add(new Kind("a record rewritten and every later hash recomputed", c -> {
            rows.clear();
            for (long s = mid; s <= last; s++) rows.add(row(c, s));
            head[0] = one(c, "SELECT seq FROM chain_head WHERE id = 1");
            head[1] = one(c, "SELECT hash FROM chain_head WHERE id = 1");
            String prev = (String) one(c, "SELECT prev_hash FROM decision WHERE seq = ?", mid);
            for (long s = mid; s <= last; s++) {
                lexgate.store.DecisionRecord r = read(c, s);
                if (s == mid) r.responseJson = r.responseJson.replace("\"outcome\":\"ALLOW\"", "\"outcome\":\"DENY\"");
                r.prevHash = prev;
                r.hash = lexgate.store.DecisionChain.hash(r, prev);
                exec(c, "UPDATE decision SET response_json = ?, prev_hash = ?, hash = ? WHERE seq = ?", r.responseJson, r.prevHash, r.hash, s);
                prev = r.hash;
            }
            exec(c, "UPDATE chain_head SET hash = ? WHERE id = 1", prev);
        }, c -> {
            for (Object[] r : rows) exec(c, "UPDATE decision SET response_json = ?, prev_hash = ?, hash = ? WHERE seq = ?", r[14], r[3], r[4], r[1]);
            exec(c, "UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", head[0], head[1]);
        }, "do not give the Merkle root signed"));
        kinds.add(new Kind("two records reordered", c -> {
            exec(c, "UPDATE decision SET seq = -1 WHERE seq = ?", mid);
            exec(c, "UPDATE decision SET seq = ? WHERE seq = ?", mid, mid + 1);
            exec(c, "UPDATE decision SET seq = ? WHERE seq = -1", mid + 1);
        }, c -> {
            exec(c, "UPDATE decision SET seq = -1 WHERE seq = ?", mid);
            exec(c, "UPDATE decision SET seq = ? WHERE seq = ?", mid, mid + 1);
            exec(c, "UPDATE decision SET seq = ? WHERE seq = -1", mid + 1);
        }, "link to the previous record is broken"));
        kinds.add(new Kind("the chain head changed", c -> {
            head[1] = one(c, "SELECT hash FROM chain_head WHERE id = 1");
            exec(c, "UPDATE chain_head SET hash = ? WHERE id = 1", "sha256:" + "0".repeat(64));
        }, c -> exec(c, "UPDATE chain_head SET hash = ? WHERE id = 1", head[1]), "chain head"));

        assertTrue(kinds.size() >= 16, kinds.size() + " kinds");
        for (Kind k : kinds) {
            try (Connection c = TestDb.connection()) {
                allowChanges(c);
                k.tamper().run(c);
            }
            JsonPath v = verify();
            assertFalse(v.getBoolean("intact"), k.name() + " was not seen: " + v.prettify());
            String all = v.getList("problems", String.class) + " " + v.getString("firstMismatch.problem");
            assertTrue(all.contains(k.expect()), k.name() + ": expected '" + k.expect() + "' in " + all);
            try (Connection c = TestDb.connection()) {
                allowChanges(c);
                k.undo().run(c);
            }
            JsonPath back = verify();
            assertTrue(back.getBoolean("intact"), "after undoing " + k.name() + ": " + back.prettify());
        }
    }

    static final String COLUMNS = "id, seq, client, prev_hash, hash, evaluated_at, as_of, operation_id, purpose, outcome,"
            + " ruleset_digest, ruleset_version, duration_micros, request_json, response_json, chain_version, idempotency_key, idempotency_sha";

    Object[] row(Connection c, long seq) throws Exception {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + ", listed_controller, listed_rules FROM decision WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                Object[] out = new Object[20];
                for (int i = 0; i < 20; i++) out[i] = rs.getObject(i + 1);
                return out;
            }
        }
    }

    void insert(Connection c, Object[] row) throws Exception {
        exec(c, "INSERT INTO decision (" + COLUMNS + ", listed_controller, listed_rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
    }

    lexgate.store.DecisionRecord read(Connection c, long seq) throws Exception {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM decision WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return RecordVerifier.read(rs);
            }
        }
    }
}
