package lexgate.store;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits decisions and reads them back.
 *
 * <p>Group commit: decisions from concurrent requests are appended to the hash chain by one writer
 * thread, in batches, each batch in one transaction that holds the chain head's row lock (so seq and
 * prev_hash follow commit order, across instances too). The future {@link #append} returns completes
 * only after the batch holding the record has committed; if the batch fails, every request in it
 * fails and none of its records is stored. Under light load a batch holds one decision; under heavy
 * load one commit serves many.
 */
@ApplicationScoped
public class DecisionStore {
    private static final Logger LOG = Logger.getLogger(DecisionStore.class);

    @Inject
    lexgate.config.LexgateConfig config;

    /** The most decisions in one batch ({@code lexgate.store.batch-max}); set at start. */
    private int batchMax;

    /** A batch whose commit takes at least this long is logged (WARN "slow commit"; {@code lexgate.store.slow-commit}). */
    private volatile long slowCommitMicros;

    /**
     * How long the writer may wait, before a commit, for decisions that are being evaluated at that
     * moment ({@link #announce}): at moderate load a batch then holds them too, instead of each
     * paying a commit of its own. Never waited for when nothing is being evaluated (one client
     * alone waits for nothing); 0 turns it off. {@code lexgate.store.gather-micros}, set at start.
     */
    private volatile long gatherMicros;

    /** Decisions announced by their callers and not yet queued or withdrawn. */
    private final AtomicInteger coming = new AtomicInteger();

    /** A decision is being evaluated and will be appended (or {@link #withdraw}n) shortly. */
    public void announce() {
        coming.incrementAndGet();
    }

    /** Ends an {@link #announce}: the decision was appended, or will not be. */
    public void withdraw() {
        coming.decrementAndGet();
    }

    /** Tests: change the slow-commit threshold of the running writer. */
    void slowCommitThreshold(java.time.Duration d) {
        slowCommitMicros = d.toNanos() / 1_000;
    }

    /** Tests: change how long the running writer may wait for decisions being evaluated. */
    void gatherWindow(java.time.Duration d) {
        gatherMicros = d.toNanos() / 1_000;
    }

    /** A record waiting for its batch, with the digests of its request and response made by the caller's thread. */
    private record Pending(DecisionRecord record, String requestSha, String responseSha, CompletableFuture<Void> done) {}

    private static final String COLUMNS = "id, seq, client, prev_hash, hash, evaluated_at, as_of, operation_id, purpose,"
            + " outcome, ruleset_digest, ruleset_version, duration_micros, request_json, response_json, chain_version,"
            + " idempotency_key, idempotency_sha";
    private static final String INSERT = "INSERT INTO decision (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** One row of the one-statement INSERT, every parameter typed (the VALUES list has no target types to infer from). */
    private static final String ROW_TYPED = "(?::varchar, ?::bigint, ?::varchar, ?::varchar, ?::varchar, ?::timestamptz,"
            + " ?::date, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::bigint, ?::varchar, ?::varchar,"
            + " ?::smallint, ?::varchar, ?::varchar)";

    @Inject
    DataSource dataSource;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private io.micrometer.core.instrument.Timer commitTimer;
    private io.micrometer.core.instrument.DistributionSummary batchSize;
    private io.micrometer.core.instrument.Counter storageErrors;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        batchMax = config.store().batchMax();
        slowCommitMicros = config.store().slowCommit().toNanos() / 1_000;
        gatherMicros = config.store().gatherMicros();
        commitTimer = io.micrometer.core.instrument.Timer.builder("lexgate.commit")
                .description("Time to commit one batch of decisions (the chain's append)").publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofNanos(50_000)).maximumExpectedValue(java.time.Duration.ofSeconds(10))
                .register(registry);
        batchSize = io.micrometer.core.instrument.DistributionSummary.builder("lexgate.commit.batch.size")
                .description("Decisions committed together").register(registry);
        storageErrors = io.micrometer.core.instrument.Counter.builder("lexgate.storage.errors")
                .description("Batches of decisions the database did not store").register(registry);
        io.micrometer.core.instrument.Gauge.builder("lexgate.writer.queue.depth", queue, java.util.Collection::size)
                .description("Decisions waiting for the writer").register(registry);
        writer = new Thread(this::writeLoop, "lexgate-decision-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (writer != null) writer.interrupt();
    }

    /**
     * Queues the record for the writer without waiting: the future completes once the batch holding
     * it has committed, and fails if that batch did not, or if no commit is confirmed within the
     * commit timeout. Callers answer their client only from its completion.
     */
    public CompletableFuture<Void> append(DecisionRecord record) {
        if (writer == null || stopping) throw new IllegalStateException("the decision writer is not running");
        // The expensive part of the hash (the two JSON digests) is done here, in parallel; the writer
        // only chains the short canonical line.
        Pending p = new Pending(record, DecisionChain.sha256(record.requestJson), DecisionChain.sha256(record.responseJson),
                new CompletableFuture<>());
        queue.add(p);
        return p.done().orTimeout(config.store().commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!stopping) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, batchMax - 1);
                gather(batch);
                long t = System.nanoTime();
                commit(batch);
                long micros = (System.nanoTime() - t) / 1_000;
                commitTimer.record(micros, TimeUnit.MICROSECONDS);
                batchSize.record(batch.size());
                if (micros >= slowCommitMicros) {
                    // Every decision that arrived meanwhile waited for this commit too: the tail of POST latency.
                    LOG.warnf("slow commit: %d ms for a batch of %d decisions, %d queued behind it", micros / 1_000,
                            batch.size(), queue.size());
                }
                batch.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                if (batch.size() > 1 && rejectedData(e)) {
                    // The database refused a value, not the connection: nothing of the batch was
                    // stored, so commit its decisions one by one and fail only the one it refuses,
                    // not the other clients' decisions that happened to share its commit.
                    LOG.warnf("a batch of %d decisions was refused (%s); committing them one by one", batch.size(),
                            sqlState(e));
                    for (Pending p : batch) commitAlone(p);
                } else {
                    LOG.warnf("a batch of %d decisions was not stored: %s", batch.size(), e.getClass().getSimpleName());
                    storageErrors.increment();
                    batch.forEach(p -> p.done().completeExceptionally(e));
                }
            } finally {
                batch.clear();
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) p.done().completeExceptionally(new IllegalStateException("shutting down"));
    }

    private void commitAlone(Pending p) {
        try {
            commit(List.of(p));
            p.done().complete(null);
        } catch (RuntimeException e) {
            LOG.warnf("decision %s was not stored: %s %s", p.record().id, e.getClass().getSimpleName(), sqlState(e));
            p.done().completeExceptionally(e);
        }
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint): this data, not the database, failed. */
    public static boolean rejectedData(Throwable e) {
        String s = sqlState(e);
        return s.startsWith("22") || s.startsWith("23");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException q && q.getSQLState() != null) return q.getSQLState();
        }
        return "";
    }

    /**
     * Waits up to {@code gatherMicros} for as many more decisions as were being evaluated when the
     * batch was formed, adding them (and any others that come) to the batch.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        int expected = Math.min(coming.get(), batchMax - batch.size());
        if (gatherMicros <= 0 || expected <= 0) return;
        long deadline = System.nanoTime() + gatherMicros * 1_000;
        while (expected > 0 && batch.size() < batchMax) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            Pending p = queue.poll(left, TimeUnit.NANOSECONDS);
            if (p == null) return;
            int before = batch.size();
            batch.add(p);
            queue.drainTo(batch, batchMax - batch.size());
            expected -= batch.size() - before;
        }
    }

    /** The chain head as this writer last committed it; {@code seq < 0} when unknown. Writer thread only. */
    private long headSeq = -1;
    private String headHash;

    /**
     * One transaction per batch, in plain JDBC (one batched INSERT, no ORM bookkeeping on the hot
     * path). The head this writer committed last is remembered, so a batch normally costs three
     * round trips: move the head with a conditional UPDATE (which also takes its row lock), INSERT
     * the records, COMMIT; on PostgreSQL the three are one statement, one round trip. If the head
     * is not where this writer left it (another instance appended, or it is not known yet), the
     * batch is chained again after the head read under
     * {@code SELECT ... FOR UPDATE}. Either way seq and prev_hash follow commit order.
     */
    private void commit(List<Pending> batch) {
        try {
            if (headSeq >= 0 && (singleStatement() ? appendInOneStatement(batch) : append(batch, false))) return;
            append(batch, true);
        } catch (SQLException e) {
            headSeq = -1;
            throw new IllegalStateException("batch not stored: " + e.getSQLState(), e);
        } catch (RuntimeException e) {
            headSeq = -1;
            throw e;
        }
    }

    /** Null until the first batch: whether the database takes the batch as one statement (PostgreSQL). */
    private volatile Boolean singleStatement;
    /** The one-statement SQL by batch size, made when first needed. Writer thread only. */
    private String[] oneStatementSql;

    /**
     * True on PostgreSQL: a batch after the remembered head is then one statement in auto-commit,
     * one round trip instead of three (see {@link #appendInOneStatement}). Other databases (H2 has no
     * data-modifying WITH) use the transaction of {@link #append}.
     */
    boolean singleStatement() {
        Boolean s = singleStatement;
        if (s == null) {
            try (Connection c = dataSource.getConnection()) {
                s = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the database: " + e.getSQLState(), e);
            }
            singleStatement = s;
        }
        return s;
    }

    /**
     * PostgreSQL: the batch after the remembered head in a single statement, committed on its own.
     * A data-modifying WITH moves the head only if it is where this writer left it (taking its row
     * lock), and the INSERT takes its rows from a join with that UPDATE's result: if the head moved,
     * nothing is written and this returns false. The derived search index rows (decision_rule,
     * decision_citation; not part of the chain) are two more data-modifying parts of the same WITH,
     * joined with the head's UPDATE likewise. One statement is one transaction, so either the head
     * moved and every record is stored with its index rows, or nothing is. Under light load this saves
     * two of three round trips per decision; under heavy load, the database's work per batch.
     */
    private boolean appendInOneStatement(List<Pending> batch) throws SQLException {
        long fromSeq = headSeq;
        String fromHash = headHash;
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
                for (Pending p : batch) i = bindRecord(ps, i, p.record());
                bindIndexArrays(c, ps, i, batch);
                int n;
                try (ResultSet rs = ps.executeQuery()) {
                    n = rs.next() ? rs.getInt(1) : 0;
                }
                if (n == 0) return false;
                if (n != batch.size()) throw new IllegalStateException("stored " + n + " of a batch of " + batch.size());
                headSeq = seq;
                headHash = prev;
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

    /** Gives the batch's records their seq, prev_hash and hash, in order, after the given head. */
    private static void chain(List<Pending> batch, long fromSeq, String fromHash) {
        long seq = fromSeq;
        String prev = fromHash;
        for (Pending p : batch) {
            DecisionRecord r = p.record();
            r.seq = ++seq;
            r.prevHash = prev;
            r.hash = DecisionChain.hash(r, prev, p.requestSha(), p.responseSha());
            prev = r.hash;
        }
    }

    private String oneStatementSql(int rows) {
        if (oneStatementSql == null) oneStatementSql = new String[batchMax + 1];
        String sql = oneStatementSql[rows];
        if (sql == null) {
            StringBuilder b = new StringBuilder("WITH head AS (UPDATE chain_head SET seq = ?, hash = ?"
                    + " WHERE id = 1 AND seq = ? AND hash = ? RETURNING id), ins AS (INSERT INTO decision (" + COLUMNS
                    + ") SELECT v.* FROM head CROSS JOIN (VALUES ");
            for (int r = 0; r < rows; r++) {
                if (r > 0) b.append(", ");
                b.append(ROW_TYPED);
            }
            // The derived search index (decision_rule, decision_citation: not part of the chain) in the
            // same statement, so in the same transaction: one array per column, unnested.
            sql = b.append(") AS v (").append(COLUMNS).append(") RETURNING 1),")
                    .append(" ir AS (INSERT INTO decision_rule (decision_seq, decision_id, rule) SELECT u.s, u.i, u.r FROM head")
                    .append(" CROSS JOIN unnest(?::bigint[], ?::varchar[], ?::varchar[]) AS u (s, i, r)),")
                    .append(" ic AS (INSERT INTO decision_citation (decision_seq, decision_id, citation) SELECT u.s, u.i, u.c FROM head")
                    .append(" CROSS JOIN unnest(?::bigint[], ?::varchar[], ?::varchar[]) AS u (s, i, c))")
                    .append(" SELECT count(*) FROM ins").toString();
            oneStatementSql[rows] = sql;
        }
        return sql;
    }

    /** Binds one record's 18 columns from parameter {@code i}; returns the next parameter index. */
    private static int bindRecord(PreparedStatement ps, int i, DecisionRecord r) throws SQLException {
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

    private static java.util.Set<String> distinct(List<String> values) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (values != null) for (String v : values) if (v != null) out.add(v);
        return out;
    }

    /** PostgreSQL's one statement: the rule rows and the citation rows as three arrays each, from parameter {@code i}. */
    private static void bindIndexArrays(Connection c, PreparedStatement ps, int i, List<Pending> batch) throws SQLException {
        List<Long> rs = new ArrayList<>(), cs = new ArrayList<>();
        List<String> ri = new ArrayList<>(), rv = new ArrayList<>(), ci = new ArrayList<>(), cv = new ArrayList<>();
        for (Pending p : batch) {
            DecisionRecord r = p.record();
            for (String rule : distinct(r.rules)) { rs.add(r.seq); ri.add(r.id); rv.add(rule); }
            for (String cit : distinct(r.citations)) { cs.add(r.seq); ci.add(r.id); cv.add(cit); }
        }
        ps.setArray(i++, c.createArrayOf("bigint", rs.toArray()));
        ps.setArray(i++, c.createArrayOf("varchar", ri.toArray()));
        ps.setArray(i++, c.createArrayOf("varchar", rv.toArray()));
        ps.setArray(i++, c.createArrayOf("bigint", cs.toArray()));
        ps.setArray(i++, c.createArrayOf("varchar", ci.toArray()));
        ps.setArray(i, c.createArrayOf("varchar", cv.toArray()));
    }

    /**
     * The derived search index of the batch's records (rule and citation ids; see V5__decision_search.sql),
     * in the caller's transaction: stored with the decisions or not at all. Not part of the chain.
     */
    static void insertIndexRows(Connection c, List<Pending> batch) throws SQLException {
        List<DecisionRecord> records = new ArrayList<>(batch.size());
        for (Pending p : batch) records.add(p.record());
        insertIndex(c, records);
    }

    /** Inserts the index rows of records whose {@code rules} and {@code citations} are set. */
    public static void insertIndex(Connection c, List<DecisionRecord> records) throws SQLException {
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

    /** Appends the batch after the remembered head ({@code lockFirst} false) or after the locked one; false if the remembered head moved. */
    private boolean append(List<Pending> batch, boolean lockFirst) throws SQLException {
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
                try (PreparedStatement ins = c.prepareStatement(INSERT)) {
                    for (Pending p : batch) {
                        bindRecord(ins, 1, p.record());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                insertIndexRows(c, batch);
                c.commit();
                headSeq = seq;
                headHash = prev;
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

    /** The decision a client stored with this Idempotency-Key, if any. */
    public Optional<DecisionRecord> findByIdempotencyKey(String client, String key) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                DecisionRecord.<DecisionRecord>find("client = ?1 and idempotencyKey = ?2", client, key).firstResultOptional());
    }

    /** The stored decision, if any. */
    public Optional<DecisionRecord> find(String id) {
        return DecisionRecord.findByIdOptional(id);
    }
}
