package lexgate.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits decisions and reads them back.
 *
 * <p>Group commit: decisions from concurrent requests are appended to the hash chain by one writer
 * thread, in batches, each batch in one transaction that locks the chain head (so seq and prev_hash
 * follow commit order, across instances too). {@link #insert} returns only after the batch holding
 * the record has committed; if the batch fails, every request in it fails and none of its records
 * is stored. Under light load a batch holds one decision; under heavy load one commit serves many.
 */
@ApplicationScoped
public class DecisionStore {
    private static final Logger LOG = Logger.getLogger(DecisionStore.class);

    @ConfigProperty(name = "lexgate.store.batch-max", defaultValue = "256")
    int batchMax;

    @ConfigProperty(name = "lexgate.store.commit-timeout", defaultValue = "15s")
    java.time.Duration commitTimeout;

    private record Pending(DecisionRecord record, CompletableFuture<Void> done) {}

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        writer = new Thread(this::writeLoop, "lexgate-decision-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (writer != null) writer.interrupt();
    }

    /** Appends the record to the chain; returns once it is committed, throws if it was not. */
    public void insert(DecisionRecord record) {
        if (writer == null || stopping) throw new IllegalStateException("the decision writer is not running");
        Pending p = new Pending(record, new CompletableFuture<>());
        queue.add(p);
        try {
            p.done().get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("decision not stored", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("decision not confirmed as stored within " + commitTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!stopping) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, batchMax - 1);
                commit(batch);
                batch.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("a batch of %d decisions was not stored: %s", batch.size(), e.getClass().getSimpleName());
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) p.done().completeExceptionally(new IllegalStateException("shutting down"));
    }

    private static void commit(List<Pending> batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            ChainHead head = ChainHead.findById(1, LockModeType.PESSIMISTIC_WRITE);
            long seq = head.seq;
            String prev = head.hash;
            for (Pending p : batch) {
                DecisionRecord r = p.record();
                r.seq = ++seq;
                r.prevHash = prev;
                r.hash = DecisionChain.hash(r, prev);
                prev = r.hash;
                r.persist();
            }
            head.seq = seq;
            head.hash = prev;
        });
    }

    /** The stored decision, if any. */
    public Optional<DecisionRecord> find(String id) {
        return DecisionRecord.findByIdOptional(id);
    }
}
