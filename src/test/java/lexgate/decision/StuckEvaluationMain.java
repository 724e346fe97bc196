package lexgate.decision;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * For {@link StuckEvaluationExitTest}: a JVM whose evaluation is stuck in a planted loop, shut down
 * the way the service shuts its pool down; SIGTERM must still end it.
 */
public final class StuckEvaluationMain {
    private StuckEvaluationMain() {}

    public static void main(String[] args) throws Exception {
        EvaluationPool pool = new EvaluationPool(2, Duration.ofMillis(200), Duration.ofSeconds(10));
        Runtime.getRuntime().addShutdownHook(new Thread(pool::shutdown));
        var ruleset = EvaluationBudgetTest.plantedRuleset();
        Evaluation e = pool.submit(new Evaluator.Work(ruleset, EvaluationBudgetTest.request("spin"))).get(10, TimeUnit.SECONDS);
        System.out.println(e.outcome() + " " + e.reasons().get(0).rule());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
