package lexgate.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Reading one stored decision back: by id, or by the Idempotency-Key its client sent. Searching
 * and listing decisions is {@link DecisionIndex}'s.
 */
@ApplicationScoped
public class DecisionReads {
    /** The decision a client stored with this Idempotency-Key, if any (in a transaction of its own). */
    public Optional<DecisionRecord> findByIdempotencyKey(String client, String key) {
        return QuarkusTransaction.requiringNew().call(() ->
                DecisionRecord.<DecisionRecord>find("client = ?1 and idempotencyKey = ?2", client, key).firstResultOptional());
    }

    /** The stored decision, if any. */
    public Optional<DecisionRecord> find(String id) {
        return DecisionRecord.findByIdOptional(id);
    }
}
