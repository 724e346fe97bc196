package lexgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows a stored decision is made of, as every appender writes them: the decision table's
 * columns and how a record binds to them (the last two, listed_controller and listed_rules, derived
 * from the record's JSON: V7__decision_listing.sql), and the derived search index rows (decision_term; see
 * V6__search_terms.sql), which are not part of the chain.
 */
final class DecisionRows {
    static final String COLUMNS = "id, seq, client, prev_hash, hash, evaluated_at, as_of, operation_id, purpose,"
            + " outcome, ruleset_digest, ruleset_version, duration_micros, request_json, response_json, chain_version,"
            + " idempotency_key, idempotency_sha, listed_controller, listed_rules";
    /** A parameter sent as UTF-8 bytes and stored as text. */
    static final String UTF8_TEXT = "convert_from(?::bytea, 'UTF8')";
    static final String INSERT = "INSERT INTO decision (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * PostgreSQL's INSERT: the request's and the response's JSON are sent as the UTF-8 the service
     * made them in (bytea) and stored as text by the server ({@code convert_from}, which checks
     * that they are UTF-8), instead of the driver encoding the text again ({@link #bindRecord} with
     * {@code utf8} true). The text stored is the same.
     */
    static final String INSERT_UTF8 = "INSERT INTO decision (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " " + UTF8_TEXT + ", " + UTF8_TEXT + ", ?, ?, ?, ?, ?)";

    private DecisionRows() {}

    /**
     * Binds one record's 20 columns from parameter {@code i}; returns the next parameter index.
     * With {@code utf8}, the two JSON columns are bound as bytes, for {@link #INSERT_UTF8}'s
     * {@link #UTF8_TEXT}; without, as text (decoded from the record's bytes if it was made here).
     */
    static int bindRecord(PreparedStatement ps, int i, DecisionRecord r, boolean utf8) throws SQLException {
        ps.setString(i++, r.id);
        ps.setLong(i++, r.seq);
        ps.setString(i++, r.client);
        ps.setString(i++, r.prevHash);
        ps.setString(i++, r.hash);
        ps.setObject(i++, r.evaluatedAt.atOffset(ZoneOffset.UTC));
        ps.setObject(i++, r.asOf);
        ps.setString(i++, r.operationId);
        ps.setString(i++, r.purpose);
        ps.setString(i++, r.outcome);
        ps.setString(i++, r.rulesetDigest);
        ps.setString(i++, r.rulesetVersion);
        ps.setLong(i++, r.durationMicros);
        if (utf8) {
            PostgresChainAppender.bindUtf8(ps, i++, r.requestBytes());
            PostgresChainAppender.bindUtf8(ps, i++, r.responseBytes());
        } else {
            ps.setString(i++, r.requestText());
            ps.setString(i++, r.responseText());
        }
        ps.setInt(i++, r.chainVersion);
        ps.setString(i++, r.idempotencyKey);
        ps.setString(i++, r.idempotencySha);
        ps.setString(i++, r.listedController);
        ps.setString(i++, r.listedRules);
        return i;
    }

    /** The values once each, in order, without nulls (a record's rules or citations as index rows). */
    static Set<String> distinct(List<String> values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (values != null) for (String v : values) if (v != null) out.add(v);
        return out;
    }

    /** Gives each record its interned search terms ({@link DecisionRecord#termIds}) if it has none yet. */
    static void resolveTerms(SearchTerms terms, List<DecisionRecord> records) throws SQLException {
        for (DecisionRecord r : records) if (r.termIds == null) r.termIds = terms.ids(r.rules, r.citations);
    }

    /** The records of a batch. */
    static List<DecisionRecord> records(List<PendingDecision> batch) {
        List<DecisionRecord> records = new ArrayList<>(batch.size());
        for (PendingDecision p : batch) records.add(p.record());
        return records;
    }

    /**
     * Inserts the derived search index rows (decision_term: term id, seq) of records whose
     * {@link DecisionRecord#termIds} are set, in the caller's transaction: stored with the decisions
     * or not at all. Not part of the chain.
     */
    static void insertIndex(Connection c, List<DecisionRecord> records) throws SQLException {
        try (PreparedStatement rows = c.prepareStatement("INSERT INTO decision_term (term_id, decision_seq) VALUES (?, ?)")) {
            int n = 0;
            for (DecisionRecord r : records) {
                for (int term : r.termIds) {
                    rows.setInt(1, term);
                    rows.setLong(2, r.seq);
                    rows.addBatch();
                    n++;
                }
            }
            if (n > 0) rows.executeBatch();
        }
    }
}
