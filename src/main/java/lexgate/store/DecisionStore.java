package lexgate.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Commits decisions and reads them back: what the decision path, the API, the audit and the web
 * pages need of the store, in one place. The work is done by {@link DecisionWriter} (the queue, the
 * batching and the writer thread), the {@link ChainAppender} of the database's SQL dialect, and
 * {@link DecisionReads}; searching is {@link DecisionIndex}'s.
 */
@ApplicationScoped
public class DecisionStore {
    @Inject
    DecisionWriter writer;

    @Inject
    DecisionReads reads;

    /** A decision is being evaluated and will be appended (or {@link #withdraw}n) shortly. */
    public void announce() {
        writer.announce();
    }

    /** Ends an {@link #announce}: the decision was appended, or will not be. */
    public void withdraw() {
        writer.withdraw();
    }

    /**
     * Queues the record for the writer without waiting: the future completes once the batch holding
     * it has committed, and fails if that batch did not, or if no commit is confirmed within the
     * commit timeout. Callers answer their client only from its completion.
     */
    public CompletableFuture<Void> append(DecisionRecord record) {
        return writer.append(record);
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint): this data, not the database, failed. */
    public static boolean rejectedData(Throwable e) {
        return DecisionWriter.rejectedData(e);
    }

    /** The decision a client stored with this Idempotency-Key, if any. */
    public Optional<DecisionRecord> findByIdempotencyKey(String client, String key) {
        return reads.findByIdempotencyKey(client, key);
    }

    /** The stored decision, if any. */
    public Optional<DecisionRecord> find(String id) {
        return reads.find(id);
    }
}
