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
 * columns and how a record binds to them, and the derived search index rows (decision_rule,
 * decision_citation; see V5__decision_search.sql), which are not part of the chain.
 */
final class DecisionRows {
    static final String COLUMNS = "id, seq, client, prev_hash, hash, evaluated_at, as_of, operation_id, purpose,"
            + " outcome, ruleset_digest, ruleset_version, duration_micros, request_json, response_json, chain_version,"
            + " idempotency_key, idempotency_sha";
    static final String INSERT = "INSERT INTO decision (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private DecisionRows() {}

    /** Binds one record's 18 columns from parameter {@code i}; returns the next parameter index. */
    static int bindRecord(PreparedStatement ps, int i, DecisionRecord r) throws SQLException {
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
        ps.setString(i++, r.requestJson);
        ps.setString(i++, r.responseJson);
        ps.setInt(i++, r.chainVersion);
        ps.setString(i++, r.idempotencyKey);
        ps.setString(i++, r.idempotencySha);
        return i;
    }

    /** The values once each, in order, without nulls (a record's rules or citations as index rows). */
    static Set<String> distinct(List<String> values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (values != null) for (String v : values) if (v != null) out.add(v);
        return out;
    }

    /**
     * The derived search index of the batch's records (rule and citation ids), in the caller's
     * transaction: stored with the decisions or not at all. Not part of the chain.
     */
    static void insertIndexRows(Connection c, List<PendingDecision> batch) throws SQLException {
        List<DecisionRecord> records = new ArrayList<>(batch.size());
        for (PendingDecision p : batch) records.add(p.record());
        insertIndex(c, records);
    }

    /** Inserts the index rows of records whose {@code rules} and {@code citations} are set. */
    static void insertIndex(Connection c, List<DecisionRecord> records) throws SQLException {
        try (PreparedStatement rules = c.prepareStatement("INSERT INTO decision_rule (decision_seq, decision_id, rule) VALUES (?, ?, ?)");
             PreparedStatement cites = c.prepareStatement("INSERT INTO decision_citation (decision_seq, decision_id, citation) VALUES (?, ?, ?)")) {
            int nr = 0, nc = 0;
            for (DecisionRecord r : records) {
                for (String rule : distinct(r.rules)) {
                    rules.setLong(1, r.seq);
                    rules.setString(2, r.id);
                    rules.setString(3, rule);
                    rules.addBatch();
                    nr++;
                }
                for (String cit : distinct(r.citations)) {
                    cites.setLong(1, r.seq);
                    cites.setString(2, r.id);
                    cites.setString(3, cit);
                    cites.addBatch();
                    nc++;
                }
            }
            if (nr > 0) rules.executeBatch();
            if (nc > 0) cites.executeBatch();
        }
    }
}
