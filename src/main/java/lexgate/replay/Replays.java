package lexgate.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lexgate.decision.Decision;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.FieldError;
import lexgate.decision.OperationRequest;
import lexgate.decision.RequestValidator;
import lexgate.rules.Ruleset;
import lexgate.store.DecisionRecord;

import java.util.List;

/** Shared by single replays and impact analysis: re-evaluate one stored decision and diff it. */
public final class Replays {
    private Replays() {}

    /** The result of re-evaluating one stored decision. */
    public record Outcome(Decision before, Evaluation after, DecisionDiff diff, String asOf) {}

    /**
     * Re-evaluates a stored decision's request on a baseline ruleset and on a target one, and diffs the
     * two: "before" is then what the baseline (the active ruleset, say) answers today, not what was stored.
     */
    static Outcome replayOnBoth(ObjectMapper mapper, DecisionRecord rec, Ruleset baseline, Ruleset target) {
        try {
            Decision stored = mapper.readValue(rec.responseJson, Decision.class);
            OperationRequest req = mapper.readValue(rec.requestJson, OperationRequest.class);
            for (Ruleset rs : List.of(baseline, target)) {
                List<FieldError> errors = RequestValidator.validate(req, rs.policies());
                if (!errors.isEmpty()) {
                    throw new ReplayException(422, "the stored request is not valid under ruleset " + rs.digest() + ": "
                            + errors.stream().map(e -> e.field() + " " + e.message()).toList());
                }
            }
            String lang = stored.languageOrEnglish();
            Evaluation b = Evaluator.evaluate(baseline, req, Evaluator.BATCH_BUDGET, lang);
            Decision before = new Decision(rec.id, b.outcome(), b.outcome() == Decision.Outcome.ALLOW, req.asOf(), null,
                    new Decision.RulesetRef(baseline.version(), baseline.digest()), b.reasons(), b.obligations(), b.missing(),
                    null, lang, b.supervision(), b.exposure());
            Evaluation after = Evaluator.evaluate(target, req, Evaluator.BATCH_BUDGET, lang);
            return new Outcome(before, after, DecisionDiff.of(before, after), req.asOf());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + rec.id + " cannot be read", e);
        }
    }

    static Outcome replay(ObjectMapper mapper, DecisionRecord rec, Ruleset target, String asOfOverride) {
        try {
            Decision before = mapper.readValue(rec.responseJson, Decision.class);
            OperationRequest req = mapper.readValue(rec.requestJson, OperationRequest.class);
            if (asOfOverride != null) req = req.withAsOf(asOfOverride);
            List<FieldError> errors = RequestValidator.validate(req, target.policies());
            if (!errors.isEmpty()) {
                throw new ReplayException(422, "the stored request is not valid under ruleset " + target.digest() + ": "
                        + errors.stream().map(e -> e.field() + " " + e.message()).toList());
            }
            // In the language the decision was answered in: a replay compares what the rules say, not the language.
            Evaluation after = Evaluator.evaluate(target, req, Evaluator.BATCH_BUDGET, before.languageOrEnglish());
            return new Outcome(before, after, DecisionDiff.of(before, after), req.asOf());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + rec.id + " cannot be read", e);
        }
    }
}
