package lexgate.store;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * V6 moves the search index of V5 (rule and citation ids as text) to interned terms: every (decision,
 * rule) and (decision, citation) pair indexed under V5 is indexed after it, no more and no fewer,
 * and {@link SearchTerms} hands out one id per term, also when asked again or by a second instance.
 * Plain Flyway on a fresh H2 database, as the service migrates at start.
 */
class SearchTermsMigrationTest {

    private static JdbcDataSource freshDatabase(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static Flyway flyway(JdbcDataSource ds, String target) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/h2").target(target).load();
    }

    @Test
    void v6KeepsEveryIndexedPairOfV5() throws SQLException {
        JdbcDataSource ds = freshDatabase("v5-to-v6");
        flyway(ds, "5").migrate();
        List<String> before = List.of(
                "c 7 eu-gdpr:A6-1-f", "c 7 eu-gdpr:A21", "c 8 eu-gdpr:A6-1-f",
                "r 7 gdpr-a6-1-f-legitimate-interest", "r 8 gdpr-a6-1-f-legitimate-interest", "r 8 gdpr-a21-objection");
        try (Connection c = ds.getConnection();
             PreparedStatement r = c.prepareStatement("INSERT INTO decision_rule (decision_seq, decision_id, rule) VALUES (?, ?, ?)");
             PreparedStatement ci = c.prepareStatement("INSERT INTO decision_citation (decision_seq, decision_id, citation) VALUES (?, ?, ?)")) {
            for (String row : before) {
                String[] p = row.split(" ");
                PreparedStatement ps = p[0].equals("r") ? r : ci;
                ps.setLong(1, Long.parseLong(p[1]));
                ps.setString(2, "id-" + p[1]);
                ps.setString(3, p[2]);
                ps.executeUpdate();
            }
        }
        flyway(ds, "latest").migrate();
        List<String> after = new ArrayList<>();
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT t.kind, x.decision_seq, t.term FROM decision_term x"
                     + " JOIN search_term t ON t.id = x.term_id ORDER BY 1, 2, 3")) {
            while (rs.next()) after.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3));
        }
        assertEquals(before.stream().sorted().toList(), after);
        try (Connection c = ds.getConnection()) {
            assertThrows(SQLException.class, () -> c.createStatement().executeQuery("SELECT 1 FROM decision_rule"),
                    "V5's text-keyed table is gone");
        }
    }

    @Test
    void oneIdPerTermAcrossInstances() throws SQLException {
        JdbcDataSource ds = freshDatabase("terms");
        flyway(ds, "latest").migrate();
        SearchTerms one = new SearchTerms(ds);
        SearchTerms two = new SearchTerms(ds);
        int[] a = one.ids(List.of("rule-a", "rule-b", "rule-a"), List.of("eu-gdpr:A6-1-f", "eu-gdpr:A6"));
        assertEquals(4, a.length, "each term once");
        int[] b = two.ids(List.of("rule-b"), List.of("eu-gdpr:A6"));
        assertEquals(List.of(a[1], a[3]), List.of(b[0], b[1]), "another instance finds the same ids");
        assertEquals(a[0], one.ids(List.of("rule-a"), List.of())[0], "and the same instance again");
        assertEquals(List.of(a[2], a[3]).stream().sorted().toList(), two.citationIds("eu-gdpr:A6"),
                "a citation filter matches the id and the ids it is a prefix of at '-'");
        assertEquals(List.of(), two.citationIds("eu-gdpr:A"), "but not a bare string prefix");
        assertEquals(List.of(a[0]), two.ruleIds("rule-a"));
        assertEquals(List.of(), two.ruleIds("rule-%"), "a rule filter is exact, wildcards are text");
    }
}
