package lexgate.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A flame graph of one in-process operation of {@link DecisionBench}, for the rows that have no
 * HTTP run to profile: async-profiler loaded into this JVM (the same library {@code Attach} loads
 * into the service), CPU samples by interval timer (or allocations), after a warm-up of the same
 * operation. Shows where the pipeline's time beyond the evaluation goes (issue 22: "where a target
 * cannot be met, show why with a profile").
 *
 * <p>Arguments: request (small, typical, worst), operation (pipeline, evaluator, here), event (cpu
 * or alloc), seconds profiled, output file without extension (writes {@code .html} and
 * {@code .collapsed}). Not run by {@code bench/run}: see bench/README.md, "Notes on method".
 */
public final class InProcessProfile {
    private InProcessProfile() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: InProcessProfile small|typical|worst pipeline|evaluator|here cpu|alloc SECONDS OUT");
            System.exit(2);
        }
        DecisionBench b = new DecisionBench();
        b.request = args[0];
        b.setup();
        String op = args[1];
        String event = args[2].equals("alloc") ? "event=alloc" : "event=itimer,interval=200us"; // one sample per 200 µs of CPU
        long seconds = Long.parseLong(args[3]);
        Path out = Path.of(args[4]);

        Path lib = Files.createTempFile("lexgate-async-profiler", ".so");
        String arch = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
        try (InputStream in = one.profiler.AsyncProfiler.class.getResourceAsStream("/" + arch + "/libasyncProfiler.so")) {
            if (in == null) throw new IllegalStateException("no async-profiler library for " + arch);
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance(lib.toString());

        long warmEnd = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < warmEnd) run(b, op);
        profiler.execute("start," + event);
        long n = 0, t0 = System.nanoTime(), end = t0 + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            run(b, op);
            n++;
        }
        long t1 = System.nanoTime();
        // As Attach does it in the service: the stacks as text, then the flame graph as the profile stops.
        profiler.execute("dump,collapsed,file=" + out + ".collapsed");
        profiler.execute("stop,file=" + out + ".html");
        b.tearDown();
        System.out.printf(Locale.ROOT, "%s %s: %d operations, %.1f µs each; %s.html, %s.collapsed%n",
                args[0], op, n, (t1 - t0) / 1000.0 / n, out, out);
        System.exit(0); // the evaluation pool's threads
    }

    private static Object run(DecisionBench b, String op) throws Exception {
        return switch (op) {
            case "pipeline" -> b.pipeline();
            case "evaluator" -> b.evaluator();
            case "here" -> b.evaluatorHere();
            default -> throw new IllegalArgumentException("operation " + op);
        };
    }
}
