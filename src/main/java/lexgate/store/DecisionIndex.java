package lexgate.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Finding stored decisions (GET /v1/decisions): one SQL query over the decision table and its derived
 * index decision_term (V6__search_terms.sql; rule and citation ids interned by {@link SearchTerms}),
 * newest first (seq descending),
 * paged by seq. The derived indexes are not part of the hash chain; they are written with each
 * decision ({@link ChainAppender}) and, for decisions stored before they existed, filled here at
 * start-up from each decision's response_json.
 */
@ApplicationScoped
public class DecisionIndex {
    private static final Logger LOG = Logger.getLogger(DecisionIndex.class);
    private static final int BACKFILL_BATCH = 500;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    SearchTerms terms;

    private volatile Thread backfill;

    /** Filters of a search, all optional (null), combined with AND; {@code beforeSeq} is the cursor. */
    public record Criteria(String outcome, String purpose, String rule, String citation, String operationId, String client,
                           Instant storedFrom, Instant storedTo, LocalDate asOfFrom, LocalDate asOfTo, Long beforeSeq,
                           int limit) {}

    /**
     * One stored decision as a search lists it. {@code listedController} and {@code listedRules} are
     * its listing columns (V7__decision_listing.sql); the JSON is read only when listedRules is null
     * (a row stored before V7), and is null otherwise.
     */
    public record Row(String id, long seq, String operationId, String outcome, LocalDate asOf, Instant evaluatedAt,
                      String purpose, String client, String rulesetVersion, String rulesetDigest, String listedController,
                      String listedRules, String requestJson, String responseJson) {}

    /**
     * Up to {@code limit} decisions matching the criteria, newest first. Storage time: storedFrom
     * inclusive, storedTo exclusive (callers turn a date into the next day's start). asOf: both inclusive.
     * Citation: the id itself or any id it is a prefix of at a '-' (as the cases' {@code cite}).
     */
    public List<Row> search(Criteria q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT d.id, d.seq, d.operation_id, d.outcome, d.as_of, d.evaluated_at, d.purpose,"
                + " d.client, d.ruleset_version, d.ruleset_digest, d.listed_controller, d.listed_rules,"
                // A row stored before V7 has no listing columns: only then is its JSON fetched.
                + " CASE WHEN d.listed_rules IS NULL THEN d.request_json END,"
                + " CASE WHEN d.listed_rules IS NULL THEN d.response_json END FROM decision d WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.outcome() != null) { sql.append(" AND d.outcome = ?"); params.add(q.outcome()); }
        if (q.purpose() != null) { sql.append(" AND d.purpose = ?"); params.add(q.purpose()); }
        if (q.operationId() != null) { sql.append(" AND d.operation_id = ?"); params.add(q.operationId()); }
        if (q.client() != null) { sql.append(" AND d.client = ?"); params.add(q.client()); }
        if (q.storedFrom() != null) { sql.append(" AND d.evaluated_at >= ?"); params.add(q.storedFrom().atOffset(ZoneOffset.UTC)); }
        if (q.storedTo() != null) { sql.append(" AND d.evaluated_at < ?"); params.add(q.storedTo().atOffset(ZoneOffset.UTC)); }
        if (q.asOfFrom() != null) { sql.append(" AND d.as_of >= ?"); params.add(q.asOfFrom()); }
        if (q.asOfTo() != null) { sql.append(" AND d.as_of <= ?"); params.add(q.asOfTo()); }
        // A rule or citation filter is first turned into term ids (search_term is small); a term no
        // decision ever named matches nothing.
        if (q.rule() != null && !termFilter(sql, params, terms.ruleIds(q.rule()))) return List.of();
        if (q.citation() != null && !termFilter(sql, params, terms.citationIds(q.citation()))) return List.of();
        if (q.beforeSeq() != null) { sql.append(" AND d.seq < ?"); params.add(q.beforeSeq()); }
        sql.append(" ORDER BY d.seq DESC LIMIT ?");
        params.add(q.limit());
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                            rs.getString(13), rs.getString(14)));
                }
            }
        }
        return out;
    }

    /** Adds "has one of these terms" to the query; false if there is none (then nothing matches). */
    private static boolean termFilter(StringBuilder sql, List<Object> params, List<Integer> ids) {
        if (ids.isEmpty()) return false;
        sql.append(" AND EXISTS (SELECT 1 FROM decision_term t WHERE t.decision_seq = d.seq AND t.term_id ");
        if (ids.size() == 1) {
            sql.append("= ?)");
        } else {
            sql.append("IN (").append("?, ".repeat(ids.size() - 1)).append("?))");
        }
        params.addAll(ids);
        return true;
    }

    /** The distinct rule ids of a stored response's reasons, then obligations. */
    public static List<String> rules(JsonNode response) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String part : new String[] {"reasons", "obligations"}) {
            for (JsonNode n : response.path(part)) if (n.path("rule").isTextual()) out.add(n.path("rule").asText());
        }
        return List.copyOf(out);
    }

    /** The distinct citation ids of a stored response's reasons and obligations. */
    public static List<String> citations(JsonNode response) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String part : new String[] {"reasons", "obligations"}) {
            for (JsonNode n : response.path(part)) {
                for (JsonNode c : n.path("citations")) if (c.path("id").isTextual()) out.add(c.path("id").asText());
            }
        }
        return List.copyOf(out);
    }

    void onStart(@Observes StartupEvent event) {
        backfill = new Thread(this::backfillAll, "lexgate-index-backfill");
        backfill.setDaemon(true);
        backfill.setPriority(Thread.MIN_PRIORITY);
        backfill.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread t = backfill;
        if (t != null) t.interrupt();
    }

    /**
     * Indexes the decisions stored before V5 (seq up to decision_index_backfill.upto), a batch per
     * transaction under the row lock of decision_index_backfill, so that two instances never index
     * the same batch; done once, then this costs one query per start.
     */
    void backfillAll() {
        try {
            long total = 0;
            while (!Thread.currentThread().isInterrupted()) {
                int n = backfillBatch();
                if (n == 0) break;
                total += n;
            }
            if (total > 0) LOG.infof("search index: %d decisions stored before it were indexed", total);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("search index: decisions stored before it are not all indexed yet (%s); retried at next start",
                    e.getClass().getSimpleName());
        }
    }

    /** One batch of the backfill; the number of decisions indexed (0 when done). */
    int backfillBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long doneTo, upto;
                try (PreparedStatement st = c.prepareStatement("SELECT done_to, upto FROM decision_index_backfill WHERE id = 1 FOR UPDATE");
                     ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) { c.commit(); return 0; }
                    doneTo = rs.getLong(1);
                    upto = rs.getLong(2);
                }
                if (doneTo >= upto) { c.commit(); return 0; }
                List<DecisionRecord> records = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT seq, id, response_json FROM decision WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT " + BACKFILL_BATCH)) {
                    st.setLong(1, doneTo);
                    st.setLong(2, upto);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            DecisionRecord r = new DecisionRecord();
                            r.seq = rs.getLong(1);
                            r.id = rs.getString(2);
                            try {
                                JsonNode response = mapper.readTree(rs.getString(3));
                                r.rules = rules(response);
                                r.citations = citations(response);
                            } catch (Exception e) {
                                LOG.warnf("search index: decision %s cannot be read; not indexed", r.id);
                                r.rules = List.of();
                                r.citations = List.of();
                            }
                            records.add(r);
                        }
                    }
                }
                long next = records.isEmpty() ? upto : records.get(records.size() - 1).seq;
                DecisionRows.resolveTerms(terms, records);
                DecisionRows.insertIndex(c, records);
                try (PreparedStatement st = c.prepareStatement("UPDATE decision_index_backfill SET done_to = ? WHERE id = 1")) {
                    st.setLong(1, next);
                    st.executeUpdate();
                }
                c.commit();
                return Math.max(records.size(), 1);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // broken connection
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(auto);
                } catch (SQLException ignored) {
                    // as above
                }
            }
        }
    }
}
