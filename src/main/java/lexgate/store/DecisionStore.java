package lexgate.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** Commits decisions and reads them back. A save returns only after the transaction committed. */
@ApplicationScoped
public class DecisionStore {

    /** Inserts the record and commits; any failure surfaces as {@link StorageUnavailableException} at the caller. */
    @Transactional
    public void insert(DecisionRecord record) {
        record.persist();
        DecisionRecord.getEntityManager().flush();
    }

    /** The stored decision, if any. */
    public Optional<DecisionRecord> find(String id) {
        return DecisionRecord.findByIdOptional(id);
    }
}
