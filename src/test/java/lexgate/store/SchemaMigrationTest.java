package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import lexgate.api.DecisionApiTest;
import lexgate.testing.TestDb;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyway applies the shared migrations everywhere and the vendor folder ({@code db/<db-kind>}) only
 * on its own database: on PostgreSQL the decision's JSON is lz4-compressed (when the server has
 * lz4), and a stored decision reads back byte for byte whatever the compression.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class SchemaMigrationTest {

    @Test
    void vendorMigrationsRunOnlyOnTheirDatabase() throws SQLException {
        try (Connection c = TestDb.connection()) {
            String product = c.getMetaData().getDatabaseProductName();
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
                while (rs.next()) versions.add(rs.getString(1));
            }
            assertEquals("1", versions.get(0), "the shared schema comes first: " + versions);
            if (product.equals("PostgreSQL")) {
                assertTrue(versions.contains("1.1"), "PostgreSQL runs db/postgresql: " + versions);
                if (serverHasLz4(c)) {
                    for (String column : List.of("request_json", "response_json")) {
                        assertEquals("l", compression(c, column), column + " is lz4-compressed");
                    }
                }
            } else {
                assertFalse(versions.contains("1.1"), product + " must not run PostgreSQL's migrations: " + versions);
            }
        }
    }

    @Test
    void aStoredDecisionReadsBackExactlyAsServed() throws SQLException {
        String served = given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().asString();
        String id = io.restassured.path.json.JsonPath.from(served).getString("decisionId");
        try (Connection c = TestDb.connection();
             PreparedStatement q = c.prepareStatement("SELECT response_json FROM decision WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(served, rs.getString(1), "the stored JSON is the body that was served");
            }
        }
    }

    private static boolean serverHasLz4(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)")) {
            return rs.next();
        }
    }

    private static String compression(Connection c, String column) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'decision'::regclass AND attname = ?")) {
            q.setString(1, column);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "no column " + column);
                return rs.getString(1);
            }
        }
    }
}
