package lexgate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.store.DecisionRecord;
import lexgate.store.DecisionStore;
import lexgate.store.RulesetRecord;
import lexgate.store.RulesetStore;

import java.util.List;
import java.util.Optional;

/** Makes the evidence document of one stored decision (see {@link Evidence}). */
@ApplicationScoped
public class EvidenceService {
    @Inject
    DecisionStore decisions;

    @Inject
    RulesetStore rulesets;

    @Inject
    Checkpoints checkpoints;

    @Inject
    ObjectMapper mapper;

    /** The document, or empty for an unknown decision. A checkpoint is signed now if none covers the record yet. */
    public Optional<ObjectNode> evidence(String decisionId) {
        Optional<DecisionRecord> found = decisions.find(decisionId);
        if (found.isEmpty()) return Optional.empty();
        DecisionRecord r = found.get();
        Checkpoints.Checkpoint cp = checkpoints.trusted().stream().filter(c -> c.treeSize() >= r.seq).findFirst()
                .orElseGet(() -> checkpoints.sign(true));
        List<byte[]> path = checkpoints.auditPath(r.seq, cp.treeSize());
        RulesetRecord rs = rulesets.find(r.rulesetDigest).orElseThrow(() -> new IllegalStateException("ruleset not stored"));
        return Optional.of(Evidence.build(mapper, r, cp, path, rs.version, lexgate.rules.SourceFile.of(rulesets.files(rs))));
    }
}
