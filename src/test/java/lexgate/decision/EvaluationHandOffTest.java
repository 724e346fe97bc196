package lexgate.decision;

import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The pool's hand-off (a spinning worker taking an evaluation straight from its caller, a caller
 * spinning for its answer) loses nothing and mixes nothing up: threads submitting the shipped
 * scenarios at once, waiting and not waiting, many more than the cores, each get the evaluation
 * the same request gets alone on a pool that never spins. Run with the default spin, with one so
 * short that spins end all the time (the hand-over's race with the end of a spin), and with none.
 */
class EvaluationHandOffTest {
    static final int THREADS = 6;
    static final int ROUNDS = 3;

    @ParameterizedTest(name = "spin {0} µs")
    @ValueSource(longs = {50, 1, 0})
    void everyEvaluationIsAnsweredWithItsOwnAnswer(long spinMicros) throws Exception {
        Ruleset ruleset = RulesetCompiler.compile(Path.of("rules"), Path.of("policies"));
        List<OperationRequest> requests = new ArrayList<>(WarmSessionsTest.requests(ruleset).values());
        assertFalse(requests.size() < 50, "the shipped scenarios give enough requests");

        EvaluationPool reference = new EvaluationPool(1, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ZERO);
        EvaluationPool pool = new EvaluationPool(2, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofNanos(spinMicros * 1000));
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Evaluation> expected = new ArrayList<>();
            for (OperationRequest r : requests) expected.add(reference.run(new Evaluator.Work(ruleset, r), Duration.ofSeconds(5)));

            List<Future<List<String>>> done = new ArrayList<>();
            for (int c = 0; c < THREADS; c++) {
                int caller = c;
                done.add(callers.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        // Half the callers wait for each answer (run), half submit a few and then wait (submit).
                        List<CompletableFuture<Evaluation>> pending = new ArrayList<>();
                        List<Integer> which = new ArrayList<>();
                        for (int k = 0; k < requests.size(); k++) {
                            int i = (k * 7 + caller * 13 + round) % requests.size();
                            Evaluator.Work work = new Evaluator.Work(ruleset, requests.get(i));
                            if (caller % 2 == 0) {
                                Evaluation got = pool.run(work, Duration.ofSeconds(5));
                                if (!got.equals(expected.get(i))) wrong.add(requests.get(i).operationId());
                            } else {
                                pending.add(pool.submit(work, Duration.ofSeconds(5)));
                                which.add(i);
                                if (pending.size() == 3 || k == requests.size() - 1) {
                                    for (int p = 0; p < pending.size(); p++) {
                                        Evaluation got = pending.get(p).get(60, TimeUnit.SECONDS);
                                        if (!got.equals(expected.get(which.get(p)))) wrong.add(requests.get(which.get(p)).operationId());
                                    }
                                    pending.clear();
                                    which.clear();
                                }
                            }
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> f : done) assertEquals(List.of(), f.get(5, TimeUnit.MINUTES));
            assertEquals(0, pool.overruns());
        } finally {
            callers.shutdownNow();
            pool.shutdown();
            reference.shutdown();
        }
    }
}
