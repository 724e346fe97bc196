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
 * The search index (decision_rule, decision_citation) is written with each decision, in its
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
            for (String t : List.of("decision_rule", "decision_citation")) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + t + " WHERE decision_seq BETWEEN ? AND ?")) {
                    d.setLong(1, lo);
                    d.setLong(2, hi);
                    d.executeUpdate();
                }
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
                     "SELECT 'rule', decision_id, rule FROM decision_rule WHERE decision_id IN (?, ?, ?)"
                             + " UNION ALL SELECT 'citation', decision_id, citation FROM decision_citation WHERE decision_id IN (?, ?, ?)"
                             + " ORDER BY 1, 2, 3")) {
            for (int i = 0; i < 6; i++) q.setString(i + 1, ids.get(i % 3));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }
}
