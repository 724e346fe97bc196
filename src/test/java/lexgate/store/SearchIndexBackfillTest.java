package lexgate.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import lexgate.api.DecisionApiTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The search index (decision_term, with search_term's interned ids) is written with each decision, in its
 * transaction; decisions stored before the index existed get theirs from the start-up backfill, which
 * rebuilds exactly the rows the writer makes.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class SearchIndexBackfillTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    DecisionIndex index;

    @Test
    void theBackfillRebuildsWhatTheWriterWrote() throws SQLException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                    .then().statusCode(201).extract().path("decisionId"));
        }
        List<String> written = rows(ids);
        assertFalse(written.isEmpty(), "the writer indexed the decisions");
        try (Connection c = ds.getConnection()) {
            long lo, hi;
            try (PreparedStatement q = c.prepareStatement("SELECT MIN(seq), MAX(seq) FROM decision WHERE id IN (?, ?, ?)")) {
                for (int i = 0; i < 3; i++) q.setString(i + 1, ids.get(i));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    lo = rs.getLong(1);
                    hi = rs.getLong(2);
                }
            }
            // As if these decisions had been stored before V5: no index rows, and the backfill's range covers them.
            try (PreparedStatement d = c.prepareStatement("DELETE FROM decision_term WHERE decision_seq BETWEEN ? AND ?")) {
                d.setLong(1, lo);
                d.setLong(2, hi);
                d.executeUpdate();
            }
            try (PreparedStatement u = c.prepareStatement("UPDATE decision_index_backfill SET done_to = ?, upto = ? WHERE id = 1")) {
                u.setLong(1, lo - 1);
                u.setLong(2, hi);
                u.executeUpdate();
            }
        }
        assertEquals(List.of(), rows(ids));
        index.backfillAll();
        assertEquals(written, rows(ids), "the same index rows again");
        assertEquals(0, index.backfillBatch(), "and then nothing is left to do");
    }

    private List<String> rows(List<String> ids) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT t.kind, d.id, t.term FROM decision_term x JOIN search_term t ON t.id = x.term_id"
                             + " JOIN decision d ON d.seq = x.decision_seq WHERE d.id IN (?, ?, ?) ORDER BY 1, 2, 3")) {
            for (int i = 0; i < 3; i++) q.setString(i + 1, ids.get(i));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }
}
