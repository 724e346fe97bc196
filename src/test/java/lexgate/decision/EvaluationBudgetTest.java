package lexgate.decision;

import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.rules.SourceFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every evaluation has a budget. Rules planted behind the walls (compiled here with the walls
 * switched off, which only tests can do) loop for ever or sleep: the evaluation is answered REVIEW
 * from lexgate.engine within the budget, its worker is replaced so that concurrent evaluations keep
 * their latency, and the stuck worker is stopped later.
 */
class EvaluationBudgetTest {
    static final Duration BUDGET = Duration.ofMillis(200);
    static Ruleset planted;
    static EvaluationPool pool;

    @BeforeAll
    static void plant() throws Exception {
        planted = plantedRuleset();
        pool = new EvaluationPool(2, BUDGET, Duration.ofSeconds(10));
    }

    /** The shipped rules plus two planted ones that spin or sleep for the controllers "spin" and "sleep". */
    static Ruleset plantedRuleset() throws Exception {
        List<SourceFile> files = new ArrayList<>(RulesetCompiler.readFiles(Path.of("rules"), Path.of("policies")));
        files.add(new SourceFile("rules/planted/planted.drl", """
                package planted;

                import lexgate.vocabulary.*;

                rule "spin"
                    @id("planted.spin")
                    @cite("eu-gdpr:A5-1-f")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                    Operation(controllerName == "spin")
                then
                    long n = 0; while (true) { n++; }
                end

                rule "sleep"
                    @id("planted.sleep")
                    @cite("eu-gdpr:A5-1-f")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                    Operation(controllerName == "sleep")
                then
                    try { Thread.sleep(60_000); } catch (InterruptedException e) { }
                end
                """));
        return lexgate.rules.PlantedRules.compileBehindTheWalls(files);
    }

    @AfterAll
    static void stop() {
        pool.shutdown();
    }

    static OperationRequest request(String controller) {
        return new OperationRequest("budget-" + controller, "2025-06-02",
                new OperationRequest.Controller(controller, "FR", false, null, null, null),
                new OperationRequest.PurposeSpec("order-fulfilment", null, null),
                new OperationRequest.LegalBasis("6(1)(b)", null, null, null, null, null),
                new OperationRequest.DataSpec(List.of("identity", "contact"), "data-subject", null, null, null),
                new OperationRequest.Subjects(List.of("customers"), List.of("FR"), null, null),
                null, null, new OperationRequest.Retention(365, null), null, null, null, null,
                new OperationRequest.Transparency(true), null, null, null, null);
    }

    @Test
    void aLoopingOrSleepingRuleIsAnsweredReviewWithinTheBudgetAndOthersKeepTheirLatency() throws Exception {
        // Warm the ruleset first (a cold one is slower than the budget on a loaded test machine).
        for (int i = 0; i < 30; i++) pool.submit(new Evaluator.Work(planted, request("Warm " + i)), Duration.ofSeconds(10)).get();
        long t0 = System.nanoTime();
        CompletableFuture<Evaluation> spin = pool.submit(new Evaluator.Work(planted, request("spin")));
        CompletableFuture<Evaluation> sleep = pool.submit(new Evaluator.Work(planted, request("sleep")));
        Evaluation spun = spin.get(5, TimeUnit.SECONDS);
        Evaluation slept = sleep.get(5, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        for (Evaluation e : List.of(spun, slept)) {
            assertEquals(Decision.Outcome.REVIEW, e.outcome());
            assertEquals(Evaluator.ENGINE_RULE, e.reasons().get(0).rule());
            assertTrue(e.reasons().get(0).explanation().contains("budget of 200 ms"), e.reasons().get(0).explanation());
        }
        // The budget plus the watchdog's tick, with room for a loaded machine; never the rule's 60 s or for ever.
        assertTrue(waited < 2_000, "answered after " + waited + " ms");
        assertTrue(pool.overruns() >= 2);

        // Both original workers are stuck; their replacements serve everyone else at normal speed.
        for (int i = 0; i < 50; i++) {
            long s = System.nanoTime();
            Evaluation ok = pool.submit(new Evaluator.Work(planted, request("Shop " + i)), Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s);
            assertEquals(Decision.Outcome.ALLOW, ok.outcome(), ok.reasons().toString());
            assertTrue(ms < 1_500, "a normal evaluation took " + ms + " ms beside the stuck ones");
        }

        // The sleeping worker ended when interrupted; the spinning one is stopped after ten budgets (at least 5 s).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (pool.stuckWorkers() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
        assertEquals(0, pool.stuckWorkers(), "stuck workers left");
    }
}
