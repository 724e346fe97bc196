package lexgate.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Re-walks the decision hash chain and names the first record that does not match. */
@ApplicationScoped
public class AuditVerifier {
    private static final int BATCH = 1000;

    /** The result: how many records were checked, and the first mismatch if any. */
    public record Result(boolean intact, long verified, Map<String, Object> firstMismatch) {}

    /** Walks every decision in seq order. */
    public Result verify() {
        String prev = DecisionChain.GENESIS;
        long expectedSeq = 1;
        long verified = 0;
        while (true) {
            long from = expectedSeq;
            List<DecisionRecord> batch = QuarkusTransaction.requiringNew().call(
                    () -> DecisionRecord.<DecisionRecord>find("seq >= ?1 order by seq", from).page(0, BATCH).list());
            if (batch.isEmpty()) break;
            for (DecisionRecord r : batch) {
                if (r.seq != expectedSeq) return mismatch(verified, r, "record " + expectedSeq + " of the chain is missing");
                if (!r.prevHash.equals(prev)) return mismatch(verified, r, "its link to the previous record is broken");
                if (!DecisionChain.hash(r, prev).equals(r.hash)) {
                    return mismatch(verified, r, "its content (request, response, client, ruleset or time) does not match its hash");
                }
                prev = r.hash;
                expectedSeq++;
                verified++;
            }
        }
        ChainHead head = QuarkusTransaction.requiringNew().call(() -> ChainHead.<ChainHead>findById(1));
        if (head.seq != verified || !head.hash.equals(prev)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", head.seq);
            m.put("problem", "the chain ends at record " + verified + " but its head says " + head.seq + ": records were removed");
            return new Result(false, verified, m);
        }
        return new Result(true, verified, null);
    }

    private static Result mismatch(long verified, DecisionRecord r, String problem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq);
        m.put("decisionId", r.id);
        m.put("problem", problem);
        return new Result(false, verified, m);
    }
}
