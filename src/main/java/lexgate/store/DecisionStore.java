package lexgate.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Commits decisions and reads them back. A decision is appended to the hash chain under a lock on
 * the chain head, so seq and prev_hash follow commit order even with concurrent requests and
 * several instances; insert returns only after the transaction committed.
 */
@ApplicationScoped
public class DecisionStore {

    /** Appends the record to the chain and commits; any failure surfaces at the caller. */
    @Transactional
    public void insert(DecisionRecord record) {
        ChainHead head = ChainHead.findById(1, LockModeType.PESSIMISTIC_WRITE);
        record.seq = head.seq + 1;
        record.prevHash = head.hash;
        record.hash = DecisionChain.hash(record, head.hash);
        record.persist();
        head.seq = record.seq;
        head.hash = record.hash;
        DecisionRecord.getEntityManager().flush();
    }

    /** The stored decision, if any. */
    public Optional<DecisionRecord> find(String id) {
        return DecisionRecord.findByIdOptional(id);
    }
}
