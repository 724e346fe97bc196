package lexgate.bench;

import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cost against ruleset size: the real rules and policies plus N generated rules in rules/gen/
 * (each {@code Operation(purpose == "p-i")}, never true for a real request). Set-up, in each fork
 * (a fresh JVM, as at service start-up), generates the folder, compiles it once cold (the service's
 * start-up) and once more (a reload), and measures the heap the compiled ruleset retains; it writes
 * these to {@code lexgate.bench.out}/growth-N.properties. The benchmark is the evaluator on the
 * typical request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GrowthBench {
    /** Rules per generated file. */
    static final int PER_FILE = 100;

    @Param({"0", "100", "1000", "10000"})
    public int rules;

    Ruleset ruleset;
    Cases.Case chosen;

    @Setup
    public void setup() throws Exception {
        Cases.serviceLogging();
        Path root = Path.of(System.getProperty("lexgate.bench.work", System.getProperty("java.io.tmpdir")))
                .resolve("growth-" + rules);
        generate(root, rules);
        Path rulesDir = root.resolve("rules");
        Path policiesDir = root.resolve("policies");

        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        Ruleset first = RulesetCompiler.compile(rulesDir, policiesDir);
        long coldMs = (System.nanoTime() - t0) / 1_000_000;
        long heapAfter = usedHeapAfterGc();
        long retained = heapAfter - heapBefore;
        long t1 = System.nanoTime();
        ruleset = RulesetCompiler.compile(rulesDir, policiesDir);
        long warmMs = (System.nanoTime() - t1) / 1_000_000;
        first = null;
        chosen = Cases.chosen(ruleset, "typical");
        long allocPerDecisionBytes = allocPerDecisionBytes();

        Properties p = new Properties();
        p.setProperty("generated", String.valueOf(rules));
        p.setProperty("totalRules", String.valueOf(ruleset.rulesByQualifiedName().size()));
        p.setProperty("compileColdMs", String.valueOf(coldMs));
        p.setProperty("compileReloadMs", String.valueOf(warmMs));
        p.setProperty("retainedHeapBytes", String.valueOf(retained));
        p.setProperty("allocPerDecisionBytes", String.valueOf(allocPerDecisionBytes));
        p.setProperty("case", chosen.id());
        Path out = Path.of(System.getProperty("lexgate.bench.out", "."));
        Files.createDirectories(out);
        try (var w = Files.newBufferedWriter(out.resolve("growth-" + rules + ".properties"))) {
            p.store(w, "GrowthBench set-up");
        }
    }

    @Benchmark
    public Evaluation evaluator() {
        return Evaluator.evaluate(ruleset, chosen.request());
    }

    /**
     * Bytes allocated by one evaluation of the typical request, after warm-up: every thread's
     * allocation counter, since the evaluation runs on the evaluation pool's worker, not on the
     * calling thread (whose own counter saw only the hand-off: the "0 KB allocated/decision" of
     * the tables in bench/profiles since the evaluation moved to the pool).
     */
    private long allocPerDecisionBytes() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) Evaluator.evaluate(ruleset, chosen.request());
        long before = mx.getTotalThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) Evaluator.evaluate(ruleset, chosen.request());
        return (mx.getTotalThreadAllocatedBytes() - before) / 100;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** A copy of the real rules and policies with {@code n} generated rules in rules/gen/. */
    static void generate(Path root, int n) throws IOException {
        if (Files.exists(root)) deleteTree(root);
        copyTree(Cases.rulesDir(), root.resolve("rules"));
        copyTree(Cases.policiesDir(), root.resolve("policies"));
        Path gen = root.resolve("rules").resolve("gen");
        Files.createDirectories(gen);
        for (int file = 0; file * PER_FILE < n; file++) {
            // What the lint asks of every rule (issues 19 and 20): the law it quotes, and its message in
            // French and German; the condition tests a free-text field, so no taxonomy grows with n.
            StringBuilder law = new StringBuilder(), fr = new StringBuilder(), de = new StringBuilder();
            StringBuilder sb = new StringBuilder();
            sb.append("package gen;\n\nimport lexgate.vocabulary.*;\n\n");
            for (int i = file * PER_FILE; i < Math.min(n, (file + 1) * PER_FILE); i++) {
                sb.append("// Generated for the benchmark (GDPR Art. 6(1): \"Processing shall be lawful only if ...\").\n")
                  .append("rule \"generated rule ").append(i).append("\"\n")
                  .append("    @id(\"gen.rule-").append(i).append("\")\n")
                  .append("    @cite(\"eu-gdpr:A6-1\")\n")
                  .append("    @jurisdiction(\"EU\")\n")
                  .append("    @inForce(\"2018-05-25\")\n")
                  .append("when\n")
                  .append("    Operation(controllerName == \"generated controller ").append(i).append("\")\n")
                  .append("then\n")
                  .append("    insertLogical(Finding.review(\"generated rule ").append(i).append(" matched\"));\n")
                  .append("end\n\n");
                law.append("gen.rule-").append(i).append(":\n  - cite: eu-gdpr:A6-1\n    text: \"Processing shall be lawful only if and")
                   .append(" to the extent that at least one of the following applies:\"\n");
                fr.append("gen.rule-").append(i).append(":\n  - \"règle générée ").append(i).append("\"\n");
                de.append("gen.rule-").append(i).append(":\n  - \"generierte Regel ").append(i).append("\"\n");
            }
            String name = String.format("gen-%05d", file);
            Files.writeString(gen.resolve(name + ".drl"), sb.toString());
            Files.writeString(gen.resolve(name + ".law.yaml"), law.toString());
            Files.writeString(gen.resolve(name + ".messages.fr.yaml"), fr.toString());
            Files.writeString(gen.resolve(name + ".messages.de.yaml"), de.toString());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
