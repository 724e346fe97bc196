package lexgate.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends a batch of decisions to the hash chain in the database, all or nothing: gives the records
 * their seq, prev_hash and hash after the chain head, moves the head, and inserts the records with
 * their search index rows in the same transaction, so that seq and prev_hash follow commit order
 * (across instances too: the head's row lock orders them).
 *
 * <p>The head this appender committed last is remembered, so a batch normally goes after it without
 * reading it first; how that is done is the SQL dialect's ({@link H2ChainAppender},
 * {@link PostgresChainAppender}). If the head is not where this appender left it (another instance
 * appended, or it is not known yet), the batch is chained again after the head read under
 * {@code SELECT ... FOR UPDATE}, in standard SQL. Used by the writer thread only.
 */
abstract class ChainAppender {
    final DataSource dataSource;
    /** The interned rule and citation ids of the search index. */
    final SearchTerms terms;

    /** The chain head as this appender last committed it; {@code seq < 0} when unknown. */
    private long headSeq = -1;
    private String headHash;

    /**
     * Whether the JSON columns are sent as UTF-8 ({@link DecisionRows#INSERT_UTF8}: PostgreSQL) or as
     * text (H2, whose driver takes text without encoding it; standard SQL has no portable function
     * that stores bytes as text).
     */
    private final boolean utf8;

    ChainAppender(DataSource dataSource, SearchTerms terms, boolean utf8) {
        this.dataSource = dataSource;
        this.terms = terms;
        this.utf8 = utf8;
    }

    /** The appender for the database's SQL dialect: PostgreSQL's one statement, or the transaction of three. */
    static ChainAppender forDatabase(DataSource dataSource, SearchTerms terms, int batchMax) {
        boolean postgres;
        try (Connection c = dataSource.getConnection()) {
            postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getSQLState(), e);
        }
        return postgres ? new PostgresChainAppender(dataSource, terms, batchMax) : new H2ChainAppender(dataSource, terms);
    }

    /**
     * One transaction per batch, in plain JDBC (one batched INSERT, no ORM bookkeeping on the hot
     * path): after the remembered head if it is still there, else after the locked head. Throws if
     * the batch was not stored; then nothing of it was, and the head is read again next time.
     */
    final void append(List<PendingDecision> batch) {
        try {
            DecisionRows.resolveTerms(terms, DecisionRows.records(batch));
            if (headSeq >= 0 && appendAfterRememberedHead(batch)) return;
            appendInTransaction(batch, true);
        } catch (SQLException e) {
            headSeq = -1;
            throw new IllegalStateException("batch not stored: " + e.getSQLState(), e);
        } catch (RuntimeException e) {
            headSeq = -1;
            throw e;
        }
    }

    /**
     * Stores the batch after the remembered head ({@link #headSeq()}, {@link #headHash()}) only if
     * the head is still there, moving it ({@link #remember}); false, with nothing stored, if it moved.
     */
    abstract boolean appendAfterRememberedHead(List<PendingDecision> batch) throws SQLException;

    /** The seq of the head this appender last committed. */
    final long headSeq() {
        return headSeq;
    }

    /** The hash of the head this appender last committed. */
    final String headHash() {
        return headHash;
    }

    /** The head is now the last record this appender committed. */
    final void remember(long seq, String hash) {
        headSeq = seq;
        headHash = hash;
    }

    /** Gives the batch's records their seq, prev_hash and hash, in order, after the given head. */
    static void chain(List<PendingDecision> batch, long fromSeq, String fromHash) {
        long seq = fromSeq;
        String prev = fromHash;
        for (PendingDecision p : batch) {
            DecisionRecord r = p.record();
            r.seq = ++seq;
            r.prevHash = prev;
            r.hash = DecisionChain.hash(r, prev, p.requestSha(), p.responseSha());
            prev = r.hash;
        }
    }

    /**
     * Standard SQL, one transaction of three round trips: moves the head with a conditional UPDATE
     * (which also takes its row lock) after the remembered head ({@code lockFirst} false), or after
     * the head read under {@code SELECT ... FOR UPDATE} ({@code lockFirst} true); INSERTs the
     * records and their index rows; COMMITs. False if the remembered head moved (nothing stored).
     */
    final boolean appendInTransaction(List<PendingDecision> batch, boolean lockFirst) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long fromSeq = headSeq;
                String fromHash = headHash;
                if (lockFirst) {
                    try (PreparedStatement head = c.prepareStatement("SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE");
                         ResultSet rs = head.executeQuery()) {
                        if (!rs.next()) throw new IllegalStateException("chain_head has no row");
                        fromSeq = rs.getLong(1);
                        fromHash = rs.getString(2);
                    }
                }
                chain(batch, fromSeq, fromHash);
                long seq = fromSeq + batch.size();
                String prev = batch.get(batch.size() - 1).record().hash;
                try (PreparedStatement move = c.prepareStatement(lockFirst
                        ? "UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1"
                        : "UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ? AND hash = ?")) {
                    move.setLong(1, seq);
                    move.setString(2, prev);
                    if (!lockFirst) {
                        move.setLong(3, fromSeq);
                        move.setString(4, fromHash);
                    }
                    if (move.executeUpdate() != 1) {
                        if (lockFirst) throw new IllegalStateException("chain_head has no row");
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement ins = c.prepareStatement(utf8 ? DecisionRows.INSERT_UTF8 : DecisionRows.INSERT)) {
                    for (PendingDecision p : batch) {
                        DecisionRows.bindRecord(ins, 1, p.record(), utf8);
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                DecisionRows.insertIndex(c, DecisionRows.records(batch));
                c.commit();
                remember(seq, prev);
                return true;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool discards it
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
