package lexgate.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL's appender: a batch after the remembered head is a single statement in auto-commit,
 * one round trip instead of three. A data-modifying WITH moves the head only if it is where this
 * appender left it (taking its row lock), and the INSERT takes its rows from a join with that
 * UPDATE's result: if the head moved, nothing is written and the batch goes through the locked
 * transaction instead. The derived search index rows (decision_term; not part of the chain) are
 * one more data-modifying part of the same WITH, joined with the head's UPDATE
 * likewise. One statement is one transaction, so either the head moved and every record is stored
 * with its index rows, or nothing is. Under light load this saves two of three round trips per
 * decision; under heavy load, the database's work per batch.
 */
final class PostgresChainAppender extends ChainAppender {
    /**
     * One row of the one-statement INSERT, every parameter typed (the VALUES list has no target types to
     * infer from); the two JSON columns sent as UTF-8 ({@link DecisionRows#INSERT_UTF8}).
     */
    private static final String ROW_TYPED = "(?::varchar, ?::bigint, ?::varchar, ?::varchar, ?::varchar, ?::timestamptz,"
            + " ?::date, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::bigint, "
            + DecisionRows.UTF8_TEXT + ", " + DecisionRows.UTF8_TEXT + ","
            + " ?::smallint, ?::varchar, ?::varchar, ?::varchar, ?::varchar)";

    /** The one-statement SQL by batch size, made when first needed. */
    private final String[] oneStatementSql;

    PostgresChainAppender(DataSource dataSource, SearchTerms terms, int batchMax) {
        super(dataSource, terms, true);
        oneStatementSql = new String[batchMax + 1];
    }

    @Override
    boolean appendAfterRememberedHead(List<PendingDecision> batch) throws SQLException {
        long fromSeq = headSeq();
        String fromHash = headHash();
        chain(batch, fromSeq, fromHash);
        long seq = fromSeq + batch.size();
        String prev = batch.get(batch.size() - 1).record().hash;
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            if (!auto) c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(oneStatementSql(batch.size()))) {
                int i = 1;
                ps.setLong(i++, seq);
                ps.setString(i++, prev);
                ps.setLong(i++, fromSeq);
                ps.setString(i++, fromHash);
                for (PendingDecision p : batch) i = DecisionRows.bindRecord(ps, i, p.record(), true);
                bindIndexArrays(c, ps, i, batch);
                int n;
                try (ResultSet rs = ps.executeQuery()) {
                    n = rs.next() ? rs.getInt(1) : 0;
                }
                if (n == 0) return false;
                if (n != batch.size()) throw new IllegalStateException("stored " + n + " of a batch of " + batch.size());
                remember(seq, prev);
                return true;
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

    /**
     * Binds UTF-8 bytes as a bytea parameter ({@link DecisionRows#UTF8_TEXT}) through the driver's
     * {@link org.postgresql.util.ByteStreamWriter}, which writes them to the connection as they are;
     * {@code setBytes} would copy them first (a decision's JSON, every time).
     */
    static void bindUtf8(PreparedStatement ps, int i, byte[] utf8) throws SQLException {
        ps.setObject(i, org.postgresql.util.ByteStreamWriter.of(java.nio.ByteBuffer.wrap(utf8)));
    }

    private String oneStatementSql(int rows) {
        String sql = oneStatementSql[rows];
        if (sql == null) {
            StringBuilder b = new StringBuilder("WITH head AS (UPDATE chain_head SET seq = ?, hash = ?"
                    + " WHERE id = 1 AND seq = ? AND hash = ? RETURNING id), ins AS (INSERT INTO decision (" + DecisionRows.COLUMNS
                    + ") SELECT v.* FROM head CROSS JOIN (VALUES ");
            for (int r = 0; r < rows; r++) {
                if (r > 0) b.append(", ");
                b.append(ROW_TYPED);
            }
            // The derived search index (decision_term: not part of the chain) in the same statement,
            // so in the same transaction: one array per column, unnested.
            sql = b.append(") AS v (").append(DecisionRows.COLUMNS).append(") RETURNING 1),")
                    .append(" it AS (INSERT INTO decision_term (term_id, decision_seq) SELECT u.t, u.s FROM head")
                    .append(" CROSS JOIN unnest(?::int[], ?::bigint[]) AS u (t, s))")
                    .append(" SELECT count(*) FROM ins").toString();
            oneStatementSql[rows] = sql;
        }
        return sql;
    }

    /** The index rows (term id, seq) as two arrays, from parameter {@code i}. */
    private static void bindIndexArrays(Connection c, PreparedStatement ps, int i, List<PendingDecision> batch) throws SQLException {
        int n = 0;
        for (PendingDecision p : batch) n += p.record().termIds.length;
        Integer[] terms = new Integer[n];
        Long[] seqs = new Long[n];
        int k = 0;
        for (PendingDecision p : batch) {
            DecisionRecord r = p.record();
            for (int t : r.termIds) {
                terms[k] = t;
                seqs[k++] = r.seq;
            }
        }
        ps.setArray(i++, c.createArrayOf("int4", terms));
        ps.setArray(i, c.createArrayOf("int8", seqs));
    }
}
