package lexgate.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why the in-process pipeline costs more than its evaluation and its pieces apart (the "rest" of
 * the 2b paired row): on one thread, the evaluation ({@link DecisionBench#evaluatorHere}) after the
 * pipeline's pieces ({@link DecisionBench#pieces}: read the body, validate, write both JSON texts),
 * against the evaluation after work of the same length that does something else:
 * <ul>
 *   <li><b>compute</b>: arithmetic in registers, calibrated to last as long as the pieces; no
 *       memory, and a few bytes of code;</li>
 *   <li><b>allocate</b>: new arrays as large as what the pieces allocate, every cache line written;
 *       the pieces' fresh memory, without their code.</li>
 * </ul>
 * Each round times a chunk of each of the seven operations (the evaluation alone, each work alone,
 * each work followed by the evaluation) back to back, in a rotating order, like {@link Paired}; the
 * result per request is the median over rounds of {@code (work + evaluation) - work - evaluation}:
 * what taking turns costs beyond the two parts. The data do not pass from one part to the other
 * (the pieces serialise the evaluation made in setup; the evaluation reads the request chosen in
 * setup), so what is left is the parts' effect on each other on one core: code, branch history and
 * caches. Not run by {@code bench/run}: bench/README.md, "the pipeline's rest".
 *
 * <p>Arguments: warm-up seconds (default 20), rounds (16), chunk milliseconds (250).
 */
public final class Footprint {
    static volatile long sink;

    private Footprint() {}

    public static void main(String[] args) throws Exception {
        int warmSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        long chunkNanos = (args.length > 2 ? Long.parseLong(args[2]) : 250) * 1_000_000L;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String request : Paired.REQUESTS) {
            DecisionBench b = new DecisionBench();
            b.request = request;
            b.setup();
            long warmEnd = System.nanoTime() + warmSeconds * 1_000_000_000L;
            while (System.nanoTime() < warmEnd) {
                b.pieces();
                b.evaluatorHere();
                compute(1_000);
            }
            // What the pieces allocate (bytes per call) and how long they take: the other works' sizes.
            long a0 = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000; i++) b.pieces();
            int bytes = (int) ((mx.getCurrentThreadAllocatedBytes() - a0) / 1_000);
            double piecesUs = Paired.chunk(b::pieces, chunkNanos);
            double perIteration = Paired.chunk(() -> compute(10_000), chunkNanos) / 10_000;
            int iterations = (int) Math.max(1, Math.round(piecesUs / perIteration));

            Paired.Op evaluate = b::evaluatorHere;
            Paired.Op pieces = b::pieces;
            Paired.Op computeOp = () -> compute(iterations);
            Paired.Op allocate = () -> allocate(bytes);
            Paired.Op[] ops = {
                evaluate, pieces, () -> { pieces.run(); return evaluate.run(); },
                computeOp, () -> { computeOp.run(); return evaluate.run(); },
                allocate, () -> { allocate.run(); return evaluate.run(); },
            };
            List<double[]> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] t = new double[ops.length];
                for (int k = 0; k < ops.length; k++) {
                    int which = (round + k) % ops.length;
                    t[which] = Paired.chunk(ops[which], chunkNanos);
                }
                results.add(t);
            }
            b.tearDown();
            System.out.printf(Locale.ROOT, "%s: evaluation alone %.1f µs (median of %d rounds)%n", request, median(results, 0), rounds);
            String[] names = {"the pipeline's pieces", "compute of the same length", "allocation of the same size (" + bytes / 1024 + " KB)"};
            for (int w = 0; w < 3; w++) {
                int alone = 1 + 2 * w, both = alone + 1;
                List<Double> extra = new ArrayList<>();
                for (double[] t : results) extra.add(t[both] - t[alone] - t[0]);
                System.out.printf(Locale.ROOT, "  %-42s alone %5.1f µs, then the evaluation %6.1f µs: %+5.1f µs beyond the two"
                                + " (quartiles %+.1f to %+.1f)%n", names[w], median(results, alone), median(results, both),
                        Paired.median(extra), Paired.quantile(extra, 0.25), Paired.quantile(extra, 0.75));
            }
        }
        System.exit(0); // the evaluation pool's workers are daemons, but the ruleset's timers need not be
    }

    /** Arithmetic in registers: no memory touched, a few bytes of code. */
    static Object compute(int iterations) {
        long h = sink;
        for (int i = 0; i < iterations; i++) h = h * 31 + (h >>> 7) + i;
        sink = h;
        return null;
    }

    /** New arrays of {@code bytes} in all, one write per 64-byte line. */
    static Object allocate(int bytes) {
        long s = 0;
        for (int left = bytes; left > 0; left -= 4096) {
            byte[] a = new byte[Math.min(left, 4096)];
            for (int i = 0; i < a.length; i += 64) a[i] = 1;
            s += a[a.length - 1];
        }
        sink += s;
        return null;
    }

    private static double median(List<double[]> results, int k) {
        List<Double> v = new ArrayList<>();
        for (double[] t : results) v.add(t[k]);
        return Paired.median(v);
    }
}
