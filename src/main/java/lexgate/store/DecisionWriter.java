package lexgate.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import lexgate.config.LexgateConfig;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit: decisions from concurrent requests are appended to the hash chain by one writer
 * thread, in batches, each batch in one transaction ({@link ChainAppender}). The future
 * {@link #append} returns completes only after the batch holding the record has committed; if the
 * batch fails, every request in it fails and none of its records is stored (a batch the database
 * refused for one record's data is committed again one by one, so that only that record fails).
 * Under light load a batch holds one decision; under heavy load one commit serves many; at moderate
 * load the writer waits briefly for decisions being evaluated ({@link #announce}) so that they share
 * a commit.
 */
@ApplicationScoped
public class DecisionWriter {
    /**
     * The writer logs under {@link DecisionStore}'s category, as it did before the store was split,
     * so that log levels set for it and the lines read from the log ({@code bench/run}'s "slow
     * commit") stay as they were.
     */
    private static final Logger LOG = Logger.getLogger(DecisionStore.class);

    @Inject
    LexgateConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    SearchTerms terms;

    @Inject
    MeterRegistry registry;

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

    private final LinkedBlockingQueue<PendingDecision> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    /** The database's appender, chosen when first needed. */
    private volatile ChainAppender appender;

    private Timer commitTimer;
    private DistributionSummary batchSize;
    private Counter storageErrors;

    /** A decision is being evaluated and will be appended (or {@link #withdraw}n) shortly. */
    public void announce() {
        coming.incrementAndGet();
    }

    /** Ends an {@link #announce}: the decision was appended, or will not be. */
    public void withdraw() {
        coming.decrementAndGet();
    }

    /** Tests: change the slow-commit threshold of the running writer. */
    void slowCommitThreshold(Duration d) {
        slowCommitMicros = d.toNanos() / 1_000;
    }

    /** Tests: change how long the running writer may wait for decisions being evaluated. */
    void gatherWindow(Duration d) {
        gatherMicros = d.toNanos() / 1_000;
    }

    void onStart(@Observes StartupEvent event) {
        batchMax = config.store().batchMax();
        slowCommitMicros = config.store().slowCommit().toNanos() / 1_000;
        gatherMicros = config.store().gatherMicros();
        commitTimer = Timer.builder("lexgate.commit")
                .description("Time to commit one batch of decisions (the chain's append)").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        batchSize = DistributionSummary.builder("lexgate.commit.batch.size")
                .description("Decisions committed together").register(registry);
        storageErrors = Counter.builder("lexgate.storage.errors")
                .description("Batches of decisions the database did not store").register(registry);
        Gauge.builder("lexgate.writer.queue.depth", queue, java.util.Collection::size)
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
     * commit timeout ({@code lexgate.store.commit-timeout}). Callers answer their client only from
     * its completion.
     */
    public CompletableFuture<Void> append(DecisionRecord record) {
        if (writer == null || stopping) throw new IllegalStateException("the decision writer is not running");
        // The expensive part of the hash (the two JSON digests) is done here, in parallel; the writer
        // only chains the short canonical line. A record made by DecisionService carries its JSON as
        // UTF-8 already (DecisionRecord.requestUtf8, responseUtf8): hashed as it is, never encoded.
        PendingDecision p = new PendingDecision(record, DecisionChain.sha256(record.requestBytes()),
                DecisionChain.sha256(record.responseBytes()), new CompletableFuture<>());
        queue.add(p);
        return p.done().orTimeout(config.store().commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void writeLoop() {
        List<PendingDecision> batch = new ArrayList<>();
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
                    for (PendingDecision p : batch) commitAlone(p);
                } else {
                    LOG.warnf("a batch of %d decisions was not stored: %s", batch.size(), e.getClass().getSimpleName());
                    storageErrors.increment();
                    batch.forEach(p -> p.done().completeExceptionally(e));
                }
            } finally {
                batch.clear();
            }
        }
        PendingDecision p;
        while ((p = queue.poll()) != null) p.done().completeExceptionally(new IllegalStateException("shutting down"));
    }

    private void commitAlone(PendingDecision p) {
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
    private void gather(List<PendingDecision> batch) throws InterruptedException {
        int expected = Math.min(coming.get(), batchMax - batch.size());
        if (gatherMicros <= 0 || expected <= 0) return;
        long deadline = System.nanoTime() + gatherMicros * 1_000;
        while (expected > 0 && batch.size() < batchMax) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            PendingDecision p = queue.poll(left, TimeUnit.NANOSECONDS);
            if (p == null) return;
            int before = batch.size();
            batch.add(p);
            queue.drainTo(batch, batchMax - batch.size());
            expected -= batch.size() - before;
        }
    }

    /** Stores the batch in the hash chain, all or nothing; throws if it was not stored. */
    private void commit(List<PendingDecision> batch) {
        appender().append(batch);
    }

    /** The database's appender (its dialect read once, when first needed). */
    ChainAppender appender() {
        ChainAppender a = appender;
        if (a == null) {
            synchronized (this) {
                if (appender == null) appender = ChainAppender.forDatabase(dataSource, terms, config.store().batchMax());
                a = appender;
            }
        }
        return a;
    }

    /** True on PostgreSQL: a batch after the remembered head is then one statement ({@link PostgresChainAppender}). */
    boolean singleStatement() {
        return appender() instanceof PostgresChainAppender;
    }
}
