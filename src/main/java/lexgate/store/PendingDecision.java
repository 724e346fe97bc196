package lexgate.store;

import java.util.concurrent.CompletableFuture;

/**
 * A decision waiting for its batch, with the digests of its request and response made by the
 * caller's thread; {@code done} completes once the batch holding it has committed.
 */
record PendingDecision(DecisionRecord record, String requestSha, String responseSha, CompletableFuture<Void> done) {}
