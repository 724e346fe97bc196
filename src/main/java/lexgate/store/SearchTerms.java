package lexgate.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interned ids of rule ids and citation ids in the search index (search_term,
 * V6__search_terms.sql): a decision's index rows are (term id, seq) pairs, a few bytes each.
 *
 * <p>A ruleset names a few hundred rules and citations, so after the first decisions every lookup is
 * a hit in memory. A term not known yet is interned in its own short transaction, before the batch
 * that needs it: a term whose batch then fails stays interned, which costs nothing (the table is a
 * dictionary, not the record). Two instances interning the same term at once both end up with the one
 * id the unique constraint lets through.
 */
@ApplicationScoped
public class SearchTerms {
    /** What a term names: a rule id or a citation id. */
    public enum Kind {
        RULE("r"), CITATION("c");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    @Inject
    DataSource dataSource;

    /** Known ids by term, one map per kind (no key to build per lookup). */
    private final ConcurrentHashMap<String, Integer> ruleIds = new ConcurrentHashMap<>(), citationIds = new ConcurrentHashMap<>();

    SearchTerms() {}

    /** For a data source outside CDI (tests, tools). */
    SearchTerms(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The ids of the given rule ids and citation ids, once each, in order; interns those not known yet. */
    int[] ids(List<String> rules, List<String> citations) throws SQLException {
        java.util.Set<String> r = DecisionRows.distinct(rules), c = DecisionRows.distinct(citations);
        int[] out = new int[r.size() + c.size()];
        int i = 0;
        for (String t : r) out[i++] = id(Kind.RULE, t);
        for (String t : c) out[i++] = id(Kind.CITATION, t);
        return out;
    }

    /** The id of one term, interned if it was not yet. */
    int id(Kind kind, String term) throws SQLException {
        ConcurrentHashMap<String, Integer> known = kind == Kind.RULE ? ruleIds : citationIds;
        Integer id = known.get(term);
        if (id != null) return id;
        id = intern(kind, term);
        known.put(term, id);
        return id;
    }

    /**
     * The ids of the citation terms equal to {@code citation} or starting with it followed by '-'
     * (a citation filter: "eu-gdpr:A6" finds "eu-gdpr:A6-1-f"), read from the database, so terms
     * interned by another instance count too. Empty if none: then no decision can match.
     */
    List<Integer> citationIds(String citation) throws SQLException {
        return select("SELECT id FROM search_term WHERE kind = 'c' AND (term = ? OR term LIKE ? ESCAPE '!') ORDER BY id",
                citation, likeEscape(citation) + "-%");
    }

    /** The id of a rule term, read from the database; empty if no decision ever named that rule. */
    List<Integer> ruleIds(String rule) throws SQLException {
        return select("SELECT id FROM search_term WHERE kind = 'r' AND term = ?", rule);
    }

    private List<Integer> select(String sql, String... params) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /**
     * Reads the term's id, inserting it first if it is absent, in auto-commit. Portable SQL rather
     * than PostgreSQL's ON CONFLICT or H2's MERGE: if another instance inserted it in between, the
     * unique constraint refuses ours (SQLState 23505 on both) and the id is read again.
     */
    private int intern(Kind kind, String term) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            if (!auto) c.setAutoCommit(true);
            try {
                Integer id = read(c, kind, term);
                if (id != null) return id;
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO search_term (kind, term) VALUES (?, ?)")) {
                    ins.setString(1, kind.code);
                    ins.setString(2, term);
                    ins.executeUpdate();
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) throw e;
                }
                id = read(c, kind, term);
                if (id == null) throw new SQLException("search term not found after insert: " + kind + " " + term);
                return id;
            } finally {
                if (!auto) {
                    try {
                        c.setAutoCommit(false);
                    } catch (SQLException ignored) {
                        // the connection is broken; the pool discards it
                    }
                }
            }
        }
    }

    private static Integer read(Connection c, Kind kind, String term) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM search_term WHERE kind = ? AND term = ?")) {
            ps.setString(1, kind.code);
            ps.setString(2, term);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
