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
import java.util.concurrent.CompletableFuture;

/** Shared by single replays and impact analysis: re-evaluate one stored decision and diff it. */
public final class Replays {
    private Replays() {}

    /** The result of re-evaluating one stored decision. */
    public record Outcome(Decision before, Evaluation after, DecisionDiff diff, String asOf) {}

    /** Re-evaluates a stored decision's request on the target ruleset (at another asOf, if given) and diffs it with what was stored. */
    static Outcome replay(ObjectMapper mapper, DecisionRecord rec, Ruleset target, String asOfOverride) {
        Read r = read(mapper, rec, asOfOverride);
        validate(r.request(), target);
        // In the language the decision was answered in: a replay compares what the rules say, not the language.
        Evaluation after = Evaluator.evaluate(target, r.request(), Evaluator.BATCH_BUDGET, r.stored().languageOrEnglish());
        return new Outcome(r.stored(), after, DecisionDiff.of(r.stored(), after), r.request().asOf());
    }

    /**
     * A replay under way, for an impact analysis: the stored decision read, its request validated,
     * and its evaluations handed to the evaluation pool, not yet waited for. The analysis starts the
     * next replay before it waits for this one, so that it reads and diffs while the pool evaluates,
     * and never spins for an answer while it has work of its own (a caller of
     * {@link Evaluator#evaluate} that waits spins first: about 15% of the service's CPU in an analysis
     * that ran every thread on two cores, measured with async-profiler on 2026-12-06).
     */
    record Pending(Decision stored, OperationRequest request, Ruleset baseline,
                   CompletableFuture<Evaluation> before, CompletableFuture<Evaluation> after) {
        /**
         * Waits for the evaluations and diffs them: with a baseline, "before" is what the baseline
         * (the active ruleset, say) answers today, not what was stored.
         */
        Outcome outcome() {
            Evaluation a = Evaluator.await(after);
            if (baseline == null) return new Outcome(stored, a, DecisionDiff.of(stored, a), request.asOf());
            Evaluation b = Evaluator.await(before);
            String lang = stored.languageOrEnglish();
            Decision was = new Decision(stored.decisionId(), b.outcome(), b.outcome() == Decision.Outcome.ALLOW, request.asOf(), null,
                    new Decision.RulesetRef(baseline.version(), baseline.digest()), b.reasons(), b.obligations(), b.missing(),
                    null, lang, b.supervision(), b.exposure());
            return new Outcome(was, a, DecisionDiff.of(was, a), request.asOf());
        }
    }

    /**
     * Starts the replay of a stored decision on the target ruleset, and on the baseline too unless
     * it is null (then "before" is the decision as stored). Throws {@link ReplayException} when the
     * stored request is not valid under either.
     */
    static Pending start(ObjectMapper mapper, DecisionRecord rec, Ruleset baseline, Ruleset target) {
        Read r = read(mapper, rec, null);
        if (baseline != null) validate(r.request(), baseline);
        validate(r.request(), target);
        String lang = r.stored().languageOrEnglish();
        CompletableFuture<Evaluation> before = baseline == null ? null
                : Evaluator.evaluateAsync(baseline, r.request(), Evaluator.BATCH_BUDGET, lang);
        CompletableFuture<Evaluation> after = Evaluator.evaluateAsync(target, r.request(), Evaluator.BATCH_BUDGET, lang);
        return new Pending(r.stored(), r.request(), baseline, before, after);
    }

    /** A stored decision as read: the answer stored and its request (with the asOf override, if any). */
    private record Read(Decision stored, OperationRequest request) {}

    private static Read read(ObjectMapper mapper, DecisionRecord rec, String asOfOverride) {
        try {
            Decision stored = mapper.readValue(rec.responseJson, Decision.class);
            OperationRequest req = mapper.readValue(rec.requestJson, OperationRequest.class);
            return new Read(stored, asOfOverride == null ? req : req.withAsOf(asOfOverride));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + rec.id + " cannot be read", e);
        }
    }

    private static void validate(OperationRequest req, Ruleset rs) {
        List<FieldError> errors = RequestValidator.validate(req, rs.policies());
        if (!errors.isEmpty()) {
            throw new ReplayException(422, "the stored request is not valid under ruleset " + rs.digest() + ": "
                    + errors.stream().map(e -> e.field() + " " + e.message()).toList());
        }
    }
}
