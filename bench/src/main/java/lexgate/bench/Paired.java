package lexgate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Evaluator against warm floor, paired in time: one JVM alternates half-second chunks of
 * {@link DecisionBench#floorWarm()} and {@link DecisionBench#evaluator()} after a 40 s warm-up of
 * both, and prints the median of the 30 per-pair ratios. On a shared machine whose speed drifts
 * by 30% within a minute, JMH's sequential forks (all of one benchmark, then all of the other) can
 * put the two on different sides of a drift; pairs cannot. Not part of {@code bench/run}; run it
 * by hand with the same class path and system properties as the JMH runs (bench/README.md).
 *
 * <p>Arguments: small, typical or worst (default typical).
 */
public final class Paired {
    private Paired() {}

    public static void main(String[] args) throws Exception {
        DecisionBench b = new DecisionBench();
        b.request = args.length > 0 ? args[0] : "typical";
        b.setup();
        long warmEnd = System.nanoTime() + 40_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            b.floorWarm();
            b.evaluator();
        }
        List<Double> floor = new ArrayList<>(), evaluator = new ArrayList<>(), ratio = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double f = chunk(b::floorWarm), e = chunk(b::evaluator);
            floor.add(f);
            evaluator.add(e);
            ratio.add(e / f);
        }
        b.tearDown();
        Collections.sort(floor);
        Collections.sort(evaluator);
        Collections.sort(ratio);
        System.out.printf(java.util.Locale.ROOT, "%s: warm floor median %.1f µs, evaluator median %.1f µs,"
                        + " evaluator/warm floor paired median %.2fx (quartiles %.2fx to %.2fx, 30 pairs)%n",
                b.request, floor.get(15), evaluator.get(15), ratio.get(15), ratio.get(7), ratio.get(22));
    }

    private interface Op {
        Object run() throws Exception;
    }

    /** Mean µs per operation over half a second. */
    private static double chunk(Op op) throws Exception {
        long n = 0, t0 = System.nanoTime(), end = t0 + 500_000_000L, t;
        do {
            op.run();
            n++;
            t = System.nanoTime();
        } while (t < end);
        return (t - t0) / 1000.0 / n;
    }
}
