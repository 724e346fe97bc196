package lexgate.replay;

import lexgate.decision.Decision;
import lexgate.decision.Evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What changed between a stored decision and its replay: outcome, reasons, citations, obligations,
 * missing facts, and whether the supervising authorities or the exposure to fines changed.
 */
public record DecisionDiff(String outcomeBefore, String outcomeAfter, boolean changed,
                           List<Decision.Reason> reasonsAdded, List<Decision.Reason> reasonsRemoved,
                           List<String> citationsAdded, List<String> citationsRemoved,
                           List<Decision.Obligation> obligationsAdded, List<Decision.Obligation> obligationsRemoved,
                           List<String> missingAdded, List<String> missingRemoved,
                           boolean supervisionChanged, boolean exposureChanged) {

    /** "ALLOW->DENY" style label of the outcome change, or the outcome when it did not change. */
    public String flip() { return outcomeBefore + "->" + outcomeAfter; }

    /** Compares a stored decision with a new evaluation of its request. */
    public static DecisionDiff of(Decision before, Evaluation after) {
        List<Decision.Reason> ra = minus(after.reasons(), before.reasons());
        List<Decision.Reason> rr = minus(before.reasons(), after.reasons());
        List<String> cBefore = citations(before.reasons(), before.obligations());
        List<String> cAfter = citations(after.reasons(), after.obligations());
        List<Decision.Obligation> oa = minus(after.obligations(), before.obligations());
        List<Decision.Obligation> or = minus(before.obligations(), after.obligations());
        List<String> mBefore = before.missing().stream().map(Decision.Missing::field).toList();
        List<String> mAfter = after.missing().stream().map(Decision.Missing::field).toList();
        List<String> ma = minus(mAfter, mBefore), mr = minus(mBefore, mAfter);
        List<Decision.Missing> missingReasonsBefore = before.missing(), missingReasonsAfter = after.missing();
        boolean supervision = !java.util.Objects.equals(before.supervision(), after.supervision());
        boolean exposure = !java.util.Objects.equals(before.exposure(), after.exposure());
        boolean changed = before.outcome() != after.outcome() || !ra.isEmpty() || !rr.isEmpty() || !oa.isEmpty()
                || !or.isEmpty() || !ma.isEmpty() || !mr.isEmpty() || !missingReasonsBefore.equals(missingReasonsAfter)
                || supervision || exposure;
        return new DecisionDiff(before.outcome().name(), after.outcome().name(), changed, ra, rr,
                minus(cAfter, cBefore), minus(cBefore, cAfter), oa, or, ma, mr, supervision, exposure);
    }

    private static List<String> citations(List<Decision.Reason> reasons, List<Decision.Obligation> obligations) {
        Set<String> ids = new LinkedHashSet<>();
        Stream.concat(reasons.stream().flatMap(r -> r.citations().stream()),
                obligations.stream().flatMap(o -> o.citations().stream())).forEach(c -> ids.add(c.id()));
        return List.copyOf(ids);
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }
}
