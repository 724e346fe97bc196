package lexgate.decision;

import lexgate.rules.Ruleset;

/**
 * The benchmark's one way into the evaluator without the evaluation pool: {@link Evaluator#evaluateNow}
 * on the calling thread, as a pool worker runs it. It lives in the bench project (in the service's
 * package, on the plain class path) so that the service itself offers no evaluation without a budget.
 * {@code Paired} times it beside {@link Evaluator#evaluate} and the warm floor, which splits the
 * evaluator's gap to its floor into the evaluation's own work and the hand-off to a pool worker.
 */
public final class BenchAccess {
    private BenchAccess() {}

    /** One evaluation on this thread: no queue, no worker woken, no watchdog (so no budget). */
    public static Evaluation evaluateHere(Ruleset ruleset, OperationRequest request) {
        Evaluator.Work work = new Evaluator.Work(ruleset, request);
        return Evaluator.evaluateNow(work, new EvaluationPool.Task(work, EvaluationPool.DEFAULT_BUDGET));
    }
}
