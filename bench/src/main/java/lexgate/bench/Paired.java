package lexgate.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Evaluator against warm floor, paired in time: the verdict on "evaluator within 1.5x of the floor".
 *
 * <p>One JVM holds the small, typical and worst-case request. After a warm-up that runs all six
 * operations ({@link DecisionBench#floorWarm()} and {@link DecisionBench#evaluator()} for each
 * request) in turn, every round times one chunk of each, back to back, and the ratio of each pair
 * is kept; the result is the median ratio over the rounds, with its quartiles. Each round also times
 * a chunk of the same evaluation on the calling thread ({@link DecisionBench#evaluatorHere}, no pool
 * hand-off): not the verdict, which is on {@code evaluate} as the service runs it, but the measured
 * split of the evaluator's gap into its own work and the hop to a pool worker. And each round times
 * a chunk of {@link DecisionBench#pipeline()} (what POST /v1/decisions does in process besides
 * storage): issue 22's pipeline target is the median of its ratio to the round's evaluator chunk.
 * On a shared machine
 * whose speed drifts by 30% within a minute, JMH's sequential forks (all of one benchmark, then all
 * of the next) can put the floor and the evaluator on different sides of a drift; a pair cannot,
 * because its two halves are a fraction of a second apart. {@code bench/run} runs it after JMH and
 * {@link Report} takes the target's verdict from it.
 *
 * <p>Arguments: warm-up seconds, rounds, chunk milliseconds, output folder (writes
 * {@code paired-small.properties}, {@code paired-typical.properties}, {@code paired-worst.properties}).
 */
public final class Paired {
    static final List<String> REQUESTS = List.of("small", "typical", "worst");

    private Paired() {}

    public static void main(String[] args) throws Exception {
        int warmSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long chunkNanos = (args.length > 2 ? Long.parseLong(args[2]) : 500) * 1_000_000L;
        Path out = args.length > 3 ? Path.of(args[3]) : Path.of(System.getProperty("lexgate.bench.out", "."));
        if (rounds < 4) throw new IllegalArgumentException("at least 4 rounds are needed for quartiles");

        List<DecisionBench> benches = new ArrayList<>();
        for (String r : REQUESTS) {
            DecisionBench b = new DecisionBench();
            b.request = r;
            b.setup();
            benches.add(b);
        }
        long warmEnd = System.nanoTime() + warmSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (DecisionBench b : benches) {
                b.floorWarm();
                b.evaluator();
                b.pipeline();
                b.pieces();
            }
        }
        List<List<double[]>> pairs = new ArrayList<>();
        for (int i = 0; i < benches.size(); i++) pairs.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < benches.size(); i++) {
                DecisionBench b = benches.get(i);
                // Four chunks a round: the floor, the evaluator (through the pool, as the service
                // runs it: the verdict), the same evaluation on this thread (no hand-off: how much
                // of the gap is the hop) and the pipeline of POST /v1/decisions in process (parse,
                // validate, evaluate, serialise: the pipeline target's verdict is its ratio to the
                // evaluator chunk of the same round). Which goes first rotates, so that a steady drift
                // favours none.
                // A fifth: the pipeline's pieces without the evaluation (read, validate, write), so
                // that its cost beyond the evaluation splits into the pieces' own time and the rest.
                Op[] ops = {b::floorWarm, b::evaluator, b::evaluatorHere, b::pipeline, b::pieces};
                double[] t = new double[ops.length];
                for (int k = 0; k < ops.length; k++) {
                    int which = (round + k) % ops.length;
                    t[which] = chunk(ops[which], chunkNanos);
                }
                pairs.get(i).add(t);
            }
        }
        for (DecisionBench b : benches) b.tearDown();
        Files.createDirectories(out);
        for (int i = 0; i < benches.size(); i++) {
            List<Double> floor = new ArrayList<>(), evaluator = new ArrayList<>(), ratio = new ArrayList<>(),
                    here = new ArrayList<>(), hereRatio = new ArrayList<>(), hop = new ArrayList<>(),
                    pipeline = new ArrayList<>(), pipelineRatio = new ArrayList<>(), pieces = new ArrayList<>(),
                    rest = new ArrayList<>();
            for (double[] p : pairs.get(i)) {
                floor.add(p[0]);
                evaluator.add(p[1]);
                ratio.add(p[1] / p[0]);
                here.add(p[2]);
                hereRatio.add(p[2] / p[0]);
                hop.add(p[1] - p[2]);
                pipeline.add(p[3]);
                pipelineRatio.add(p[3] / p[1]);
                pieces.add(p[4]);
                rest.add(p[3] - p[1] - p[4]);
            }
            Properties p = new Properties();
            p.setProperty("request", REQUESTS.get(i));
            p.setProperty("rounds", Integer.toString(rounds));
            p.setProperty("chunkMillis", Long.toString(chunkNanos / 1_000_000L));
            p.setProperty("warmupSeconds", Integer.toString(warmSeconds));
            p.setProperty("floorMedianUs", num(median(floor)));
            p.setProperty("evaluatorMedianUs", num(median(evaluator)));
            p.setProperty("ratioMedian", num(median(ratio)));
            p.setProperty("ratioQ1", num(quantile(ratio, 0.25)));
            p.setProperty("ratioQ3", num(quantile(ratio, 0.75)));
            // Not the verdict: the evaluation on the calling thread, and the hop (evaluator minus it, per round).
            p.setProperty("hereMedianUs", num(median(here)));
            p.setProperty("hereRatioMedian", num(median(hereRatio)));
            p.setProperty("hereRatioQ1", num(quantile(hereRatio, 0.25)));
            p.setProperty("hereRatioQ3", num(quantile(hereRatio, 0.75)));
            p.setProperty("hopMedianUs", num(median(hop)));
            // The pipeline against the evaluator of the same round (issue 22's pipeline target).
            p.setProperty("pipelineMedianUs", num(median(pipeline)));
            p.setProperty("pipelineRatioMedian", num(median(pipelineRatio)));
            p.setProperty("pipelineRatioQ1", num(quantile(pipelineRatio, 0.25)));
            p.setProperty("pipelineRatioQ3", num(quantile(pipelineRatio, 0.75)));
            // The pieces alone, and what the pipeline costs beyond the evaluation and them (per round).
            p.setProperty("piecesMedianUs", num(median(pieces)));
            p.setProperty("restMedianUs", num(median(rest)));
            write(out.resolve("paired-" + REQUESTS.get(i) + ".properties"), p);
            System.out.printf(Locale.ROOT, "%s: warm floor median %.1f µs, evaluator median %.1f µs, evaluator/warm floor"
                            + " paired median %.2fx (quartiles %.2fx to %.2fx, %d pairs); on the calling thread %.1f µs (%.2fx),"
                            + " the hop %.1f µs; pipeline %.1f µs, pipeline/evaluator paired median %.2fx (quartiles %.2fx to %.2fx);"
                            + " its pieces without the evaluation %.1f µs alone, the rest %.1f µs%n",
                    REQUESTS.get(i), median(floor), median(evaluator), median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75), rounds,
                    median(here), median(hereRatio), median(hop), median(pipeline), median(pipelineRatio),
                    quantile(pipelineRatio, 0.25), quantile(pipelineRatio, 0.75), median(pieces), median(rest));
        }
    }

    /** One timed operation (also used by {@link Footprint}). */
    interface Op {
        Object run() throws Exception;
    }

    /** Mean µs per operation over one chunk. */
    static double chunk(Op op, long nanos) throws Exception {
        long n = 0, t0 = System.nanoTime(), end = t0 + nanos, t;
        do {
            op.run();
            n++;
            t = System.nanoTime();
        } while (t < end);
        return (t - t0) / 1000.0 / n;
    }

    static double median(List<Double> v) {
        return quantile(v, 0.5);
    }

    /** Linear interpolation between closest ranks (the usual definition; exact for the median). */
    static double quantile(List<Double> v, double q) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        double pos = q * (s.size() - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s.get(lo) + (s.get(hi) - s.get(lo)) * (pos - lo);
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    private static void write(Path file, Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "lexgate.bench.Paired: evaluator against warm floor, paired in time");
        }
    }
}
