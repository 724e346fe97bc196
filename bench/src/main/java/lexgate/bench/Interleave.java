package lexgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * What sharing a core costs an evaluation's own CPU time: the typical request evaluated on the
 * calling thread ({@link DecisionBench#evaluatorHere}), timed by the thread's CPU clock (not the
 * wall clock, so another thread's slices are not counted), alone and while a second thread wakes
 * every 50 µs and writes a buffer of the given size. Run it pinned to one core
 * ({@code taskset -c 0 java -XX:ActiveProcessorCount=1 ...}) so that the two threads take turns
 * on it, as the service's evaluation workers take turns with its event loops, its decision writer,
 * PostgreSQL and the load generator at peak. Not run by {@code bench/run}: bench/README.md, "the
 * service's CPU by thread".
 *
 * <p>Arguments: buffer KB (4: the switches alone; 1024: the switches and a cache's worth of
 * another thread's data), pairs (alone, then interleaved; default 3), half-second chunks per
 * measurement (default 12). Prints the median CPU µs per evaluation of each measurement.
 */
public final class Interleave {
    private static volatile boolean running;
    static volatile long sink;

    private Interleave() {}

    public static void main(String[] args) throws Exception {
        int kb = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int chunks = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        DecisionBench b = new DecisionBench();
        b.request = "typical";
        b.setup();
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) b.evaluatorHere();
        for (int p = 0; p < pairs; p++) {
            double alone = cpuPerEvaluation(b, chunks);
            running = true;
            long[] buffer = new long[kb * 128];
            Thread other = new Thread(() -> {
                long s = 0;
                while (running) {
                    for (int i = 0; i < buffer.length; i += 8) s += ++buffer[i]; // one write per 64-byte line
                    LockSupport.parkNanos(50_000);
                }
                sink = s;
            }, "interleave-" + kb + "k");
            other.setDaemon(true);
            other.start();
            double shared = cpuPerEvaluation(b, chunks);
            running = false;
            other.join();
            System.out.printf(java.util.Locale.ROOT, "pair %d: alone %.1f µs CPU per evaluation; with a thread writing %d KB every 50 µs on"
                    + " the same core %.1f µs (%.2fx)%n", p + 1, alone, kb, shared, shared / alone);
        }
    }

    /** The median over half-second chunks of this thread's CPU time per evaluation, in µs. */
    private static double cpuPerEvaluation(DecisionBench b, int chunks) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] r = new double[chunks];
        for (int i = 0; i < chunks; i++) {
            long cpu = mx.getCurrentThreadCpuTime(), t = System.nanoTime(), n = 0;
            while (System.nanoTime() - t < 500_000_000L) {
                b.evaluatorHere();
                n++;
            }
            r[i] = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
        }
        Arrays.sort(r);
        return r[chunks / 2];
    }
}
