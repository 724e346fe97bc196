package lexgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the one table of a bench/run from its results folder: meta.properties, cases.txt,
 * jmh-decision.json, jmh-growth.json, growth-N.properties and http/*.txt (wrk RESULT lines).
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KV = Pattern.compile("(\\w+)=([0-9.]+)");

    private final Path dir;
    private final Properties meta = new Properties();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    /** Issue 22's targets, in its order; filled as the sections are read. */
    private final Map<String, String> targets22 = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean noisy;

    private Report(Path dir) { this.dir = dir; }

    public static void main(String[] args) throws IOException {
        Report r = new Report(Path.of(args[0]));
        System.out.print(r.render());
    }

    /** One in-process JMH result. */
    record Jmh(double us, double err, double best, double allocBytes) {
        /** The 99.9% error is more than a fifth of the mean: the machine was busy. */
        boolean noisy() { return !Double.isNaN(err) && err > 0.2 * us; }
    }

    /** One wrk run; the CPU totals (µs over the run, from /proc) and the WAL figures are NaN when the run file has no such line. */
    record Http(double rps, double p50us, double p99us, double meanUs, long requests, long non2xx, long errors,
                double serviceCpuUs, double postgresCpuUs, double machineCpuUs,
                double walBytes, double walFpi, double checkpoints,
                double slowCommits, double slowMaxMs, double slowHeld, double allocBytes, Map<String, Double> threads) {
        /** Bytes the service allocated per request over the run (Attach), NaN without an ALLOC line. */
        double allocPerRequest() { return requests == 0 ? Double.NaN : allocBytes / requests; }

        double machinePerRequest() { return requests == 0 ? Double.NaN : machineCpuUs / requests; }

        /** "2 commits of 10 ms or more (longest 41 ms), 180 decisions waited for them", or "" without a SLOW line. */
        String slowCommitText() {
            if (Double.isNaN(slowCommits)) return "";
            long n = (long) slowCommits;
            if (n == 0) return "no commit took 10 ms or more";
            return n + (n == 1 ? " commit" : " commits") + " of 10 ms or more (longest " + fmt0(slowMaxMs) + " ms), "
                    + fmt0(slowHeld) + " decisions (" + pct(slowHeld / requests) + ") waited for them";
        }

        /** "WAL/request 3.3 KB, 0.01 full-page images, 1 checkpoint started", or "" without a WAL line. */
        String walPerRequest() {
            if (Double.isNaN(walBytes) || requests == 0) return "";
            String s = String.format(Locale.ROOT, "WAL/request %.1f KB, %.2f full-page images", walBytes / requests / 1024,
                    walFpi / requests);
            long c = (long) checkpoints;
            return s + (c == 0 ? ", no checkpoint started" : ", " + c + (c == 1 ? " checkpoint" : " checkpoints") + " started");
        }

        /** The service's CPU per request on one group of its threads (eval, eventloop, writer, jit, gc, other); NaN without a THREADS line. */
        double threadUs(String group) {
            Double t = threads.get("thread_" + group + "_us");
            return t == null || requests == 0 ? Double.NaN : t / requests;
        }

        /** Per request, µs that one group of threads (eval, eventloop, writer, service, pg) spent runnable but waiting for a core; NaN without it. */
        double runqUs(String group) {
            Double t = threads.get("runq_" + group + "_us");
            return t == null || requests == 0 ? Double.NaN : Math.max(0, t) / requests;
        }

        /**
         * "the machine 74% busy, 880 µs of machine CPU per decision (at peak 506); waiting for a core, per decision: the service's
         * threads 620 µs (decision writer 125, evaluation workers 225, event loops 234), PostgreSQL's processes 101 µs", or "".
         */
        String coreWaitText(double cores, Http atPeak) {
            if (Double.isNaN(machineCpuUs) || requests == 0 || rps <= 0) return "";
            double seconds = requests / rps;
            StringBuilder b = new StringBuilder("the machine ").append(pct(machineCpuUs / (seconds * cores * 1e6))).append(" busy, ")
                    .append(fmt0(machinePerRequest())).append(" µs of machine CPU per decision");
            if (atPeak != null && !Double.isNaN(atPeak.machinePerRequest())) b.append(" (at peak ").append(fmt0(atPeak.machinePerRequest())).append(')');
            if (!Double.isNaN(runqUs("service"))) {
                b.append("; waiting for a core, per decision: the service's threads ").append(fmt0(runqUs("service")))
                        .append(" µs (decision writer ").append(fmt0(runqUs("writer"))).append(", evaluation workers ")
                        .append(fmt0(runqUs("eval"))).append(", event loops ").append(fmt0(runqUs("eventloop")))
                        .append("), PostgreSQL's processes ").append(fmt0(runqUs("pg"))).append(" µs");
            }
            return b.toString();
        }

        /**
         * "by thread, per request: evaluation workers 166 µs, event loops 105 µs, decision writer 46 µs, JIT 5 µs,
         * GC 2 µs, other 3 µs; context switches 6.1 (4.0 waits, 2.1 preemptions)", or "" without a THREADS line.
         */
        String threadsPerRequest() {
            if (threads.isEmpty() || requests == 0) return "";
            StringBuilder b = new StringBuilder("the service's CPU by thread, per request:");
            String[][] groups = {{"eval", "evaluation workers"}, {"eventloop", "HTTP event loops"}, {"writer", "decision writer"},
                    {"jit", "JIT"}, {"gc", "GC"}, {"other", "other"}};
            String sep = " ";
            for (String[] g : groups) {
                double us = threadUs(g[0]);
                if (Double.isNaN(us) || (us < 1 && !g[0].equals("eventloop"))) continue;
                b.append(sep).append(g[1]).append(' ').append(fmt0(us)).append(" µs");
                sep = ", ";
            }
            Double vol = threads.get("csw_vol"), invol = threads.get("csw_invol");
            if (vol != null && invol != null) {
                b.append(String.format(Locale.ROOT, "; context switches %.1f (%.1f waits, %.1f preemptions)",
                        (vol + invol) / requests, vol / requests, invol / requests));
            }
            return b.toString();
        }

        /** "CPU per request: service 512 µs, PostgreSQL 150 µs, machine 710 µs" (PostgreSQL left out when idle). */
        String cpuPerRequest() {
            if (Double.isNaN(machineCpuUs) || requests == 0) return "";
            StringBuilder b = new StringBuilder("CPU/request: service ").append(fmt0(serviceCpuUs / requests)).append(" µs");
            if (postgresCpuUs / requests >= 1) b.append(", PostgreSQL ").append(fmt0(postgresCpuUs / requests)).append(" µs");
            return b.append(", machine ").append(fmt0(machineCpuUs / requests)).append(" µs").toString();
        }
    }

    private String render() throws IOException {
        try (Reader in = Files.newBufferedReader(dir.resolve("meta.properties"))) {
            meta.load(in);
        }
        Map<String, String> picks = picks();
        Map<String, Jmh> jmh = jmh(dir.resolve("jmh-decision.json"), "request");
        Map<String, Jmh> growth = jmh(dir.resolve("jmh-growth.json"), "rules");

        // 1, 2: floor, evaluator, pipeline
        double worstRatio = 0;
        List<String> ratioText = new ArrayList<>();
        for (String which : List.of("small", "typical", "worst")) {
            Jmh f = jmh.get("floor/" + which);
            if (f == null) continue;
            row("1 floor: new KieSession, same facts, fireAllRules", which + " " + picks.getOrDefault(which, ""),
                    opsPerSec(f.us()), us(f) , "", alloc(f));
        }
        for (String which : List.of("small", "typical", "worst")) {
            Jmh f = jmh.get("floorWarm/" + which);
            if (f == null) continue;
            row("1 floor, warm: policy facts resident; insert, fire, delete", which, opsPerSec(f.us()), us(f), "",
                    alloc(f));
        }
        for (String which : List.of("small", "typical", "worst")) {
            // Like for like: the evaluator on warm sessions against the warm floor.
            Jmh f = jmh.get("floorWarm/" + which), e = jmh.get("evaluator/" + which);
            if (f == null) f = jmh.get("floor/" + which);
            if (f == null || e == null) continue;
            Jmh cold = jmh.get("floor/" + which);
            double ratio = e.us() / f.us(), bestRatio = e.best() / f.best();
            worstRatio = Math.max(worstRatio, ratio);
            ratioText.add(which + " " + x(ratio) + " (best iterations " + x(bestRatio) + ")");
            row("2 evaluator: Evaluator.evaluate (in process)", which, opsPerSec(e.us()), us(e), "",
                    "evaluator/warm floor = " + x(ratio) + " (best " + x(bestRatio) + ")"
                            + (cold == null ? "" : "; /new-session floor = " + x(e.us() / cold.us())) + "; " + alloc(e));
        }
        for (String which : List.of("small", "typical", "worst")) {
            Jmh e = jmh.get("evaluatorFresh/" + which), w = jmh.get("evaluator/" + which);
            if (e == null) continue;
            row("2 evaluator, new session per request (before)", which, opsPerSec(e.us()), us(e), "",
                    (w == null ? "" : "warm sessions are " + x(e.us() / w.us()) + " faster; ") + alloc(e));
        }
        double worstPipeline = 0;
        List<String> pipelineText = new ArrayList<>();
        for (String which : List.of("small", "typical", "worst")) {
            Jmh p = jmh.get("pipeline/" + which), e = jmh.get("evaluator/" + which);
            if (p == null) continue;
            row("2b in process: parse, validate, evaluate, serialise", which, opsPerSec(p.us()), us(p), "",
                    (e == null ? "" : "pipeline/evaluator = " + x(p.us() / e.us()) + "; ") + alloc(p));
            if (e != null) {
                worstPipeline = Math.max(worstPipeline, p.us() / e.us());
                pipelineText.add(which + " " + x(p.us() / e.us()) + " (" + String.format(Locale.ROOT, "%.1f vs %.1f µs", p.us(), e.us())
                        + (Double.isNaN(p.allocBytes()) ? "" : String.format(Locale.ROOT, "; %.1f KB vs %.1f KB allocated",
                        p.allocBytes() / 1024, e.allocBytes() / 1024)) + ")");
            }
        }
        // The verdict comes from the paired measurement when there is one (Paired: the evaluator and
        // the warm floor alternated in one JVM, so a drift of the machine's speed falls on both);
        // JMH's sequential means are shown above but swing with such drifts.
        double worstPaired = 0;
        List<String> pairedText = new ArrayList<>(), hereText = new ArrayList<>();
        for (String which : List.of("small", "typical", "worst")) {
            Properties p = props(dir.resolve("paired-" + which + ".properties"));
            if (p.isEmpty()) continue;
            double ratio = Double.parseDouble(p.getProperty("ratioMedian"));
            worstPaired = Math.max(worstPaired, ratio);
            String q = x(Double.parseDouble(p.getProperty("ratioQ1"))) + " to " + x(Double.parseDouble(p.getProperty("ratioQ3")));
            pairedText.add(which + " " + x(ratio) + " (quartiles " + q + ")");
            double f = Double.parseDouble(p.getProperty("floorMedianUs")), e = Double.parseDouble(p.getProperty("evaluatorMedianUs"));
            row("2 evaluator / warm floor, paired in time (Paired)", which, opsPerSec(e),
                    String.format(Locale.ROOT, "%.1f µs vs floor %.1f µs", e, f), "",
                    "evaluator/warm floor = " + x(ratio) + ", quartiles " + q + " (median of " + p.getProperty("rounds")
                            + " pairs of " + p.getProperty("chunkMillis") + " ms chunks)");
            if (p.getProperty("hereMedianUs") != null) {
                double h = Double.parseDouble(p.getProperty("hereMedianUs"));
                double hr = Double.parseDouble(p.getProperty("hereRatioMedian"));
                row("2 the same on the calling thread, no pool hop (Paired)", which, opsPerSec(h),
                        String.format(Locale.ROOT, "%.1f µs vs floor %.1f µs", h, f), "",
                        "here/warm floor = " + x(hr) + ", quartiles " + x(Double.parseDouble(p.getProperty("hereRatioQ1"))) + " to "
                                + x(Double.parseDouble(p.getProperty("hereRatioQ3")))
                                + String.format(Locale.ROOT, "; the hop to a pool worker: %.1f µs a call (median of evaluator - here per round)",
                                Double.parseDouble(p.getProperty("hopMedianUs"))));
                hereText.add(which + " " + x(hr));
            }
        }
        if (!pairedText.isEmpty()) {
            targets.add(verdict(worstPaired <= 1.5, "evaluator within 1.5x of the floor",
                    "evaluator/warm floor, paired medians: " + String.join(", ", pairedText)
                            + (hereText.isEmpty() ? "" : "; the same evaluation on the calling thread, without the pool's"
                                    + " hop (not the verdict): " + String.join(", ", hereText))
                            + (ratioText.isEmpty() ? "" : "; JMH means (sequential, drift-prone): " + String.join(", ", ratioText))));
        } else if (!ratioText.isEmpty()) {
            targets.add(verdict(worstRatio <= 1.5, "evaluator within 1.5x of the floor",
                    "evaluator/warm floor: " + String.join(", ", ratioText) + " (JMH only: no paired run)"));
        }
        // As for the evaluator: the verdict comes from Paired when it ran (the pipeline and the
        // evaluator alternated in one JVM, the median of the per-round ratios); the JMH means above
        // are sequential forks minutes apart and swing with the machine's drift.
        double worstPipelinePaired = 0;
        List<String> pipelinePaired = new ArrayList<>();
        for (String which : List.of("small", "typical", "worst")) {
            Properties p = props(dir.resolve("paired-" + which + ".properties"));
            if (p.getProperty("pipelineRatioMedian") == null) continue;
            double r = Double.parseDouble(p.getProperty("pipelineRatioMedian"));
            double pu = Double.parseDouble(p.getProperty("pipelineMedianUs")), eu = Double.parseDouble(p.getProperty("evaluatorMedianUs"));
            worstPipelinePaired = Math.max(worstPipelinePaired, r);
            String q = x(Double.parseDouble(p.getProperty("pipelineRatioQ1"))) + " to " + x(Double.parseDouble(p.getProperty("pipelineRatioQ3")));
            row("2b pipeline / evaluator, paired in time (Paired)", which, opsPerSec(pu),
                    String.format(Locale.ROOT, "%.1f µs vs evaluator %.1f µs", pu, eu), "",
                    "pipeline/evaluator = " + x(r) + ", quartiles " + q + String.format(Locale.ROOT, "; %.1f µs beyond the evaluation", pu - eu)
                            + pieces(p));
            pipelinePaired.add(which + " " + x(r) + " (quartiles " + q + String.format(Locale.ROOT, "; %.1f vs %.1f µs%s)", pu, eu, pieces(p)));
        }
        if (!pipelinePaired.isEmpty()) {
            targets22.put("pipeline", verdict(worstPipelinePaired <= 1.3, "in-process pipeline (2b) <= 1.3x the evaluator, every request",
                    "paired medians: " + String.join(", ", pipelinePaired)
                            + (pipelineText.isEmpty() ? "" : "; JMH means (sequential, drift-prone): " + String.join(", ", pipelineText))));
        } else if (!pipelineText.isEmpty()) {
            targets22.put("pipeline", verdict(worstPipeline <= 1.3, "in-process pipeline (2b) <= 1.3x the evaluator, every request",
                    String.join(", ", pipelineText) + " (JMH only: no paired run)"));
        }
        sep();

        // 3, 4: echo, H2, PostgreSQL, and the disk's flush latency
        Properties fsync = props(dir.resolve("fsync.properties"));
        Map<Integer, Http> echo = sweep("echo");
        for (var e : echo.entrySet()) httpRow("3 HTTP ceiling: POST /bench/echo", "c=" + e.getKey(), e.getValue(), "");
        double echoPeak = echo.values().stream().mapToDouble(Http::rps).max().orElse(Double.NaN);
        for (var e : echo.entrySet()) {
            String t = e.getValue().threadsPerRequest();
            if (e.getValue().rps() == echoPeak && !t.isEmpty()) {
                row("3 HTTP ceiling: POST /bench/echo", "c=" + e.getKey() + " (peak), by thread", "", "", "", t);
            }
        }
        Http echoProf = http("profile-echo");
        if (echoProf != null) {
            httpRow("3 HTTP ceiling: POST /bench/echo", "profiled (not a figure)", echoProf,
                    "flame graphs results/profile-echo.html (CPU), results/profile-alloc-echo.html (allocations): what the HTTP stack costs every request, a decision included");
        }
        for (String db : List.of("h2", "pg")) {
            String name = db.equals("h2") ? "H2" : "PostgreSQL";
            Map<Integer, Http> s = sweep(db);
            for (var e : s.entrySet()) {
                Http ec = echo.get(e.getKey());
                httpRow("4 POST /v1/decisions, " + name, "c=" + e.getKey(), e.getValue(),
                        ec == null ? "" : "POST/echo = " + pct(e.getValue().rps() / ec.rps()));
            }
            double peak = s.values().stream().mapToDouble(Http::rps).max().orElse(Double.NaN);
            Http half = http(db + "-half");
            String rate = meta.getProperty("paced." + db + "-half.rate", "?");
            if (half != null) {
                httpRow("4 POST /v1/decisions, " + name, "paced " + rate + "/s (half peak)", half,
                        "peak " + fmt0(peak) + "/s; peak POST/echo peak = " + pct(peak / echoPeak));
            }
            Http noSync = db.equals("pg") ? http("pg-half-nosync") : null;
            if (noSync != null) {
                httpRow("4 control: POST, " + name + ", commit not waiting for the WAL flush",
                        "paced " + meta.getProperty("paced.pg-half-nosync.rate", "?") + "/s, "
                                + fmt0(Double.parseDouble(meta.getProperty("paced.pg-half-nosync.rows", "NaN"))) + " rows",
                        noSync, "synchronous_commit=off for the service's sessions: a diagnostic of the WAL flush's part in the p99"
                                + " (PostgreSQL's checkpoints still reach it), never how it runs");
            }
            Http postAtPeak = s.values().stream().filter(h -> h.rps() == peak).findFirst().orElse(null);
            if (postAtPeak != null && !postAtPeak.threadsPerRequest().isEmpty()) {
                // Where the service's CPU at peak went, thread by thread, beside what the evaluation
                // workers' own work (evaluate, serialise, digest) costs on one thread of an idle machine.
                Properties pt = props(dir.resolve("paired-typical.properties"));
                String inProcess = pt.isEmpty() ? "" : String.format(Locale.ROOT,
                        "; in process on an idle machine (Paired, typical): the evaluation alone %s µs on one thread, the whole"
                                + " pipeline %s µs (wall time, its hop to a worker included): the evaluation workers (evaluate, serialise, digest) spent %s the"
                                + " evaluation alone",
                        fmt0(Double.parseDouble(pt.getProperty("hereMedianUs"))),
                        fmt0(Double.parseDouble(pt.getProperty("pipelineMedianUs"))),
                        x(postAtPeak.threadUs("eval") / Double.parseDouble(pt.getProperty("hereMedianUs"))));
                String c = s.entrySet().stream().filter(e -> e.getValue() == postAtPeak).map(e -> "c=" + e.getKey())
                        .findFirst().orElse("");
                row("4 POST /v1/decisions, " + name, c + " (peak), by thread", "", "", "", postAtPeak.threadsPerRequest() + inProcess);
            }
            Http echoAtPeak = echo.values().stream().filter(h -> h.rps() == echoPeak).findFirst().orElse(null);
            Jmh floor = jmh.get("floorWarm/typical"), evaluator = jmh.get("evaluator/typical");
            if (postAtPeak != null && echoAtPeak != null && floor != null && !postAtPeak.cpuPerRequest().isEmpty()
                    && !echoAtPeak.cpuPerRequest().isEmpty()) {
                // A durable decision does at least what the echo does (HTTP, JSON), what the rules cost
                // on a warm session (the floor), and what the database spends storing it: PostgreSQL's
                // own processes at this peak, or H2's CPU per stored row (H2Insert). With the cores
                // saturated, throughput is inversely proportional to CPU per request, so this is the
                // machine's bound for this schema and these rules.
                double echoUs = echoAtPeak.machinePerRequest();
                Properties h2 = props(dir.resolve("h2insert.properties"));
                double dbUs = db.equals("pg") ? postAtPeak.postgresCpuUs() / postAtPeak.requests()
                        : Double.parseDouble(h2.getProperty("cpuUsPerRow", "NaN"));
                double bound = echoUs + floor.us() + dbUs, machine = postAtPeak.machinePerRequest();
                String dbText = db.equals("pg") ? "PostgreSQL's processes " + fmt0(dbUs) + " µs"
                        : "H2's insert " + String.format(Locale.ROOT, "%.0f µs (H2Insert, batches of %s)", dbUs, h2.getProperty("batch", "?"));
                targets22.put("cpu-" + db, verdict(machine <= 1.5 * bound,
                        "machine CPU per durable decision on " + name + " at peak <= 1.5x the bound",
                        fmt0(machine) + " µs (service " + fmt0(postAtPeak.serviceCpuUs() / postAtPeak.requests()) + ") at "
                                + fmt0(peak) + "/s vs bound " + fmt0(bound) + " µs = echo " + fmt0(echoUs) + " + warm floor "
                                + String.format(Locale.ROOT, "%.0f", floor.us()) + " + " + dbText + ": " + x(machine / bound)
                                + "; POST/echo peak = " + pct(peak / echoPeak) + " (at best " + pct(echoUs / bound) + " here)"
                                + (Double.isNaN(postAtPeak.threadUs("eval")) ? "" : "; the service's CPU by thread: evaluation workers "
                                        + fmt0(postAtPeak.threadUs("eval")) + " µs, HTTP event loops " + fmt0(postAtPeak.threadUs("eventloop"))
                                        + " µs (the echo's " + fmt0(echoAtPeak.threadUs("eventloop")) + " µs), decision writer "
                                        + fmt0(postAtPeak.threadUs("writer")) + " µs (row \"by thread\")")));
                if (!Double.isNaN(postAtPeak.allocPerRequest()) && evaluator != null) {
                    double beyond = postAtPeak.allocPerRequest() - evaluator.allocBytes();
                    String echoAlloc = Double.isNaN(echoAtPeak.allocPerRequest()) ? ""
                            : String.format(Locale.ROOT, "; the echo allocates %.1f KB", echoAtPeak.allocPerRequest() / 1024)
                                    + (echoProf == null ? "" : " (flame graphs results/profile-alloc-echo.html, results/profile-alloc-" + db + "-post.html)");
                    targets22.put("alloc-" + db, verdict(beyond <= 25 * 1024,
                            "allocation per durable decision on " + name + " <= 25 KB beyond the evaluator's",
                            String.format(Locale.ROOT, "%.1f KB per decision at peak vs the evaluator's %.1f KB: %.1f KB beyond%s",
                                    postAtPeak.allocPerRequest() / 1024, evaluator.allocBytes() / 1024, beyond / 1024, echoAlloc)));
                }
            }
            Http prof = http("profile-" + db + "-post");
            if (prof != null) {
                httpRow("4 POST /v1/decisions, " + name, "profiled (not a figure)", prof,
                        "flame graphs results/profile-" + db + "-post.html (CPU), results/profile-alloc-" + db
                                + "-post.html (allocations)");
            }
            if (db.equals("pg") && half != null) {
                String coreWait = half.coreWaitText(Double.parseDouble(meta.getProperty("cores", "1")), postAtPeak);
                targets22.put("p99", verdict(half.p99us() < 10_000, "p99 < 10 ms at half of peak on PostgreSQL",
                        "p99 " + ms(half.p99us()) + " at " + fmt0(half.rps()) + "/s (target rate " + rate + "/s) over "
                                + fmt0(half.requests() / Math.max(half.rps(), 1)) + " s"
                                + (half.walPerRequest().isEmpty() ? "" : "; " + half.walPerRequest())
                                + (half.slowCommitText().isEmpty() ? "" : "; " + half.slowCommitText())
                                + (coreWait.isEmpty() ? "" : "; " + coreWait)
                                + (noSync == null ? "" : "; the same paced run with the commit not waiting for the WAL flush"
                                        + " (control, row \"4 control\"): p99 " + ms(noSync.p99us())
                                        + (noSync.slowCommitText().isEmpty() ? "" : ", " + noSync.slowCommitText()))
                                + (fsync.isEmpty() ? "" : "; the disk's fdatasync (idle): p99.9 "
                                        + ms(Double.parseDouble(fsync.getProperty("p999Us"))) + ", max "
                                        + ms(Double.parseDouble(fsync.getProperty("maxUs"))) + ", "
                                        + fsync.getProperty("over10ms") + " of " + fmt0(Double.parseDouble(fsync.getProperty("flushes")))
                                        + " over 10 ms (a commit that meets one holds every decision queued behind it)")));
            }
        }
        Properties h2 = props(dir.resolve("h2insert.properties"));
        if (!h2.isEmpty()) {
            row("4 H2 alone: stored decision rows (H2Insert, one process)", "batches of " + h2.getProperty("batch"),
                    fmt0(Double.parseDouble(h2.getProperty("rowsPerSecond"))) + " rows/s", "", "",
                    String.format(Locale.ROOT, "%.1f µs CPU per row: H2's part of the H2 bound",
                            Double.parseDouble(h2.getProperty("cpuUsPerRow"))));
        }
        if (!fsync.isEmpty()) {
            double flushes = Double.parseDouble(fsync.getProperty("flushes"));
            row("4 disk: fdatasync of one 8 KB page (FsyncProbe, idle machine)", fsync.getProperty("dir"),
                    opsPerSec(Double.parseDouble(fsync.getProperty("seconds")) * 1e6 / flushes),
                    ms(Double.parseDouble(fsync.getProperty("p50Us"))), ms(Double.parseDouble(fsync.getProperty("p99Us"))),
                    "p99.9 " + ms(Double.parseDouble(fsync.getProperty("p999Us"))) + ", max " + ms(Double.parseDouble(fsync.getProperty("maxUs")))
                            + "; " + fsync.getProperty("over10ms") + " of " + fmt0(flushes) + " flushes over 10 ms, "
                            + ms(Double.parseDouble(fsync.getProperty("stalledUs"))) + " in all: what a commit waits for once");
        }
        sep();

        // 5a: ruleset size
        Jmh base = growth.containsKey("evaluator/0") ? growth.get("evaluator/0") : jmh.get("evaluator/typical");
        TreeMap<Integer, String> sizes = new TreeMap<>();
        for (String k : growth.keySet()) sizes.put(Integer.parseInt(k.substring(k.indexOf('/') + 1)), k);
        String compile10k = null;
        for (var e : sizes.entrySet()) {
            Jmh g = growth.get(e.getValue());
            Properties p = props(dir.resolve("growth-" + e.getKey() + ".properties"));
            String total = p.getProperty("totalRules", "?");
            double cold = Double.parseDouble(p.getProperty("compileColdMs", "NaN")) / 1000;
            double reload = Double.parseDouble(p.getProperty("compileReloadMs", "NaN")) / 1000;
            double heap = Double.parseDouble(p.getProperty("retainedHeapBytes", "NaN")) / (1 << 20);
            double alloc = Double.parseDouble(p.getProperty("allocPerDecisionBytes", "NaN")) / 1024;
            String vsBase = base == null || e.getKey() == 0 ? ""
                    : "; per decision " + x(g.us() / base.us()) + " of 0 generated (best " + x(g.best() / base.best()) + ")";
            row("5a ruleset size: typical request", "+" + fmt0(e.getKey()) + " generated = " + fmt0(Double.parseDouble(total))
                            + " rules", opsPerSec(g.us()), us(g), "",
                    String.format(Locale.ROOT, "compile %.1f s cold, %.1f s reload; heap +%.0f MB; %.0f KB allocated/decision%s",
                            cold, reload, heap, alloc, vsBase));
            if (e.getKey() == 10_000) {
                compile10k = String.format(Locale.ROOT, "%.1f s cold (start-up), %.1f s reload", cold, reload);
                targets.add(verdict(cold <= 60 && reload <= 60, "10,000 rules compile within 60 s", compile10k));
            }
        }
        if (compile10k == null && !sizes.isEmpty()) {
            targets.add("  n/a       10,000 rules compile within 60 s: not measured in this mode (largest: "
                    + fmt0(sizes.lastKey()) + " generated)");
        }
        sep();

        // 5b: stored decisions
        String r0 = meta.getProperty("stage.0.rowsBefore", "0"), rN = meta.getProperty("stage.N.rowsBefore", "?");
        String stageC = meta.getProperty("stage.concurrency", "?");
        List<String> flat = new ArrayList<>();
        boolean flatOk = true;
        for (String what : List.of("post", "get", "replay", "search")) {
            Http a = http("stage-0-" + what), b = http("stage-N-" + what);
            String label = switch (what) {
                case "post" -> "POST /v1/decisions";
                case "get" -> "GET /v1/decisions/{id}";
                case "search" -> "GET /v1/decisions?<filters> (search)";
                default -> "POST /v1/decisions/{id}/replay";
            };
            if (what.equals("search") && b != null) {
                // Issue 19: the p95 of typical filtered searches (bench/run, search_queries) at N stored decisions.
                double p95 = percentile("stage-N-search", "p95_us");
                targets22.put("search", verdict(p95 < 20_000, "search (GET /v1/decisions, typical filters) p95 < 20 ms at "
                                + fmt0(Double.parseDouble(rN)) + " stored decisions",
                        "p95 " + ms(p95) + ", p99 " + ms(b.p99us()) + ", " + fmt0(b.rps()) + " searches/s (a page of 50, c=" + stageC
                                + "; the queries: results/search-queries-N.txt; flame graph results/profile-search.html)"));
            }
            if (a != null) httpRow("5b stored decisions (PostgreSQL, c=" + stageC + "): " + label, fmt0(Double.parseDouble(r0)) + " rows", a, "");
            if (b != null) {
                double cost = a == null ? Double.NaN : a.rps() / b.rps(); // per-request cost N vs 0
                httpRow("5b stored decisions (PostgreSQL, c=" + stageC + "): " + label, fmt0(Double.parseDouble(rN)) + " rows", b,
                        a == null ? "" : "cost per request " + x(cost) + " of 0 rows");
                if (a != null) {
                    flat.add(what + " " + x(cost));
                    if (what.equals("post")) flatOk = cost <= 1.2;
                    if (cost < 1 / 1.2) {
                        warnings.add("5b " + label + ": cheaper at " + rN + " rows than at 0 (" + x(cost)
                                + "): the difference is noise or warm-up, not growth");
                    }
                }
            }
        }
        if (!flat.isEmpty()) {
            targets.add(verdict(flatOk, "per-decision cost flat within 20% from 0 to " + fmt0(Double.parseDouble(rN))
                    + " stored decisions", "cost at " + fmt0(Double.parseDouble(rN)) + " rows vs 0 (1/throughput): "
                    + String.join(", ", flat) + " (POST decides; growth above 1.20x fails)"));
        }
        impact();
        String bulk = meta.getProperty("bulk.rows");
        if (noisy) {
            warnings.add("rows marked ! have a 99.9% error above 20% of the mean: other processes were using the CPU;"
                    + " compare best iterations, or run again on an idle machine");
        }
        double cores = Double.parseDouble(meta.getProperty("cores", "1"));
        for (String k : List.of("loadStart", "loadEnd")) {
            String[] l = meta.getProperty(k, "0").trim().split("\\s+");
            if (Double.parseDouble(l[0]) > 0.5 * cores) {
                warnings.add("load average " + (k.equals("loadStart") ? "at start" : "at end") + " " + l[0] + " on "
                        + (int) cores + " cores: the machine was not idle, so every figure here is pessimistic");
                break;
            }
        }
        List<String> order = List.of("cpu-pg", "cpu-h2", "pipeline", "alloc-pg", "alloc-h2", "p99", "impact", "search");
        List<String> t22 = new ArrayList<>();
        for (String k : order) {
            t22.add(targets22.getOrDefault(k, String.format("  %-9s %s: not measured in this run", "n/a", k)));
        }
        return header(picks, bulk) + table() + "\nTargets (issue 22; search is issue 19's):\n" + String.join("\n", t22)
                + "\n\nKept (issue 7):\n" + String.join("\n", targets) + "\n"
                + (warnings.isEmpty() ? "" : "\nWarnings:\n  " + String.join("\n  ", warnings) + "\n");
    }

    /** The impact analysis over the stored decisions: results/impact.txt and the live run beside it. */
    private void impact() throws IOException {
        Path f = dir.resolve("impact.txt");
        if (!Files.exists(f)) return;
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f)) {
            String[] w = line.trim().split("\\s+", 2);
            if (w.length < 2) continue;
            Map<String, Double> v = new LinkedHashMap<>();
            Matcher mm = Pattern.compile("(\\w+)=([0-9.e-]+)").matcher(w[1]);
            while (mm.find()) v.put(mm.group(1), Double.parseDouble(mm.group(2)));
            m.put(w[0], v);
        }
        Map<String, Double> idle = m.get("idle"), live = m.get("live");
        if (idle == null) return;
        double cores = Double.parseDouble(meta.getProperty("cores", "1"));
        double secs = idle.get("seconds"), rate = idle.get("processed") / secs;
        double used = idle.get("machine_us") / (secs * 1e6 * cores);
        String total = fmt0(idle.getOrDefault("total", Double.NaN));
        row("6 impact analysis (POST /v1/replays, active ruleset)", total + " stored, service idle", fmt0(rate) + " replays/s", "", "",
                String.format(Locale.ROOT, "machine CPU %.0f%% of %d cores; service %.0f µs CPU per replay", used * 100, (int) cores,
                        idle.get("service_us") / Math.max(idle.get("processed"), 1)));
        Http lh = http("impact-live");
        String liveText = "";
        if (live != null && lh != null) {
            double lrate = live.get("processed") / live.get("seconds");
            httpRow("6 impact analysis running: live POST /v1/decisions", "paced " + fmt0(live.get("rate")) + "/s", lh,
                    "analysis meanwhile " + fmt0(lrate) + " replays/s");
            Http half = http("pg-half");
            liveText = "; with live POSTs at " + fmt0(live.get("rate")) + "/s: live p99 " + ms(lh.p99us())
                    + (half == null ? "" : " (without the analysis " + ms(half.p99us()) + ")") + ", analysis " + fmt0(lrate) + " replays/s";
        }
        // Later in the same job: the verdict takes the slower of the two idle windows, so that a job
        // that slows down as it goes cannot pass on its first seconds. A job that ended before the
        // late window did is given with its whole run instead (its own createdAt to finishedAt,
        // the live run and the profile included), which decides nothing.
        Map<String, Double> late = m.get("late"), job = m.get("job");
        double verdictRate = rate;
        String lateText = "";
        if (late != null && late.getOrDefault("running", 0.0) == 1.0 && late.get("processed") > 0) {
            double lr = late.get("processed") / late.get("seconds");
            double lused = late.get("machine_us") / (late.get("seconds") * 1e6 * cores);
            row("6 impact analysis, later in the same job", "from decision " + fmt0(late.get("before")) + ", service idle",
                    fmt0(lr) + " replays/s", "", "",
                    String.format(Locale.ROOT, "machine CPU %.0f%% of %d cores; service %.0f µs CPU per replay; %.2fx the first window's rate",
                            lused * 100, (int) cores, late.get("service_us") / late.get("processed"), lr / rate));
            verdictRate = Math.min(rate, lr);
            lateText = "; later in the job (from decision " + fmt0(late.get("before")) + ") " + fmt0(lr) + " replays/s";
        } else if (job != null) {
            lateText = "; the job ended before a later window: all " + fmt0(job.get("processed")) + " in "
                    + String.format(Locale.ROOT, "%.1f s", job.get("seconds")) + ", "
                    + fmt0(job.get("processed") / job.get("seconds")) + " replays/s with the live run and the profile inside";
        }
        targets22.put("impact", verdict(verdictRate >= 3000, "impact analysis >= 3,000 replays/s over " + total
                        + " stored decisions, idle service, both cores",
                fmt0(rate) + " replays/s using " + String.format(Locale.ROOT, "%.0f%%", used * 100) + " of the machine's "
                        + (int) cores + " cores" + lateText + liveText + "; flame graph results/profile-impact-analysis.html"));
    }

    private String header(Map<String, String> picks, String bulk) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Lexgate benchmark (bench/run%s), %s%n", "quick".equals(meta.getProperty("mode")) ? " --quick" : "",
                meta.getProperty("started", "")));
        sb.append(String.format("machine: %s cores (%s), %s RAM; load average at start %s, at end %s%n",
                meta.getProperty("cores"), meta.getProperty("cpu"), meta.getProperty("memory"),
                meta.getProperty("loadStart"), meta.getProperty("loadEnd", "?")));
        sb.append(String.format("Java %s, wrk %s, PostgreSQL %s; commit %s%n", meta.getProperty("java"),
                meta.getProperty("wrk"), meta.getProperty("postgres"), meta.getProperty("commit")));
        sb.append("requests (cases.json, ranked by engine work): ");
        List<String> p = new ArrayList<>();
        picks.forEach((k, v) -> p.add(k + " = " + v));
        sb.append(String.join(", ", p)).append("; HTTP rows POST the typical body\n");
        sb.append("in process: JMH, one thread, mean ± 99.9% error (best iteration); HTTP: wrk -t1 on loopback, on the same "
                + meta.getProperty("cores") + " cores as the service and PostgreSQL");
        if (bulk != null) {
            sb.append(String.format("; %s decision rows bulk-inserted (COPY, appended to the hash chain) in %s s, table now %s",
                    fmt0(Double.parseDouble(bulk)),
                    meta.getProperty("bulk.seconds"), meta.getProperty("bulk.tableSize")));
        }
        sb.append("\n\n");
        return sb.toString();
    }

    private String table() {
        String[] head = {"measure", "variant", "throughput", "mean / p50", "p99", "ratio, notes"};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) w[i] = head[i].length();
        for (String[] r : rows) {
            if (r == null) continue;
            for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) rule.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        sb.append(rule).append('\n');
        for (String[] r : rows) {
            if (r == null) sb.append(rule).append('\n');
            else line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] r, int[] w) {
        for (int i = 0; i < r.length; i++) {
            if (i > 0) sb.append(" | ");
            boolean right = i >= 2 && i <= 4;
            sb.append(right ? String.format("%" + w[i] + "s", r[i]) : String.format("%-" + w[i] + "s", r[i]));
        }
        sb.append('\n');
    }

    private void row(String a, String b, String c, String d, String e, String f) {
        rows.add(new String[] {a, b, c, d, e, f});
    }

    private void sep() {
        if (!rows.isEmpty() && rows.get(rows.size() - 1) != null) rows.add(null);
    }

    private void httpRow(String measure, String variant, Http h, String note) {
        String n = note;
        if (h.non2xx() > 0 || h.errors() > 0) {
            String bad = h.non2xx() + " non-2xx, " + h.errors() + " socket errors of " + h.requests();
            n = n.isEmpty() ? bad : n + "; " + bad;
            warnings.add(measure + " " + variant + ": " + bad);
        }
        String cpu = h.cpuPerRequest();
        if (!cpu.isEmpty()) n = n.isEmpty() ? cpu : n + "; " + cpu;
        String wal = h.walPerRequest();
        if (!wal.isEmpty()) n = n.isEmpty() ? wal : n + "; " + wal;
        if (h.slowCommits() > 0) n = n.isEmpty() ? h.slowCommitText() : n + "; " + h.slowCommitText();
        if (!Double.isNaN(h.allocPerRequest())) {
            String a = String.format(Locale.ROOT, "allocated/request %.1f KB", h.allocPerRequest() / 1024);
            n = n.isEmpty() ? a : n + "; " + a;
        }
        row(measure, variant, fmt0(h.rps()) + " req/s", ms(h.p50us()), ms(h.p99us()), n);
    }

    private Map<Integer, Http> sweep(String prefix) throws IOException {
        Map<Integer, Http> m = new TreeMap<>();
        try (var s = Files.list(dir.resolve("http"))) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                Matcher mm = Pattern.compile(Pattern.quote(prefix) + "-c(\\d+)\\.txt").matcher(f);
                if (mm.matches()) {
                    Http h = http(f.substring(0, f.length() - 4));
                    if (h != null) m.put(Integer.parseInt(mm.group(1)), h);
                }
            }
        }
        return m;
    }

    /** One value of a run's RESULT line (e.g. p95_us); NaN when absent. */
    private double percentile(String name, String key) throws IOException {
        Path p = dir.resolve("http").resolve(name + ".txt");
        if (!Files.exists(p)) return Double.NaN;
        for (String line : Files.readAllLines(p)) {
            if (!line.startsWith("RESULT")) continue;
            Matcher m = KV.matcher(line);
            while (m.find()) if (m.group(1).equals(key)) return Double.parseDouble(m.group(2));
        }
        return Double.NaN;
    }

    private Http http(String name) throws IOException {
        Path p = dir.resolve("http").resolve(name + ".txt");
        if (!Files.exists(p)) return null;
        Map<String, Double> v = new LinkedHashMap<>();
        Map<String, Double> threads = new LinkedHashMap<>();
        boolean result = false;
        for (String line : Files.readAllLines(p)) {
            if (line.startsWith("THREADS")) {
                Matcher m = KV.matcher(line);
                while (m.find()) threads.put(m.group(1), Double.parseDouble(m.group(2)));
                continue;
            }
            if (!line.startsWith("RESULT") && !line.startsWith("CPU") && !line.startsWith("WAL") && !line.startsWith("SLOW")
                    && !line.startsWith("ALLOC")) continue;
            result |= line.startsWith("RESULT");
            Matcher m = KV.matcher(line);
            while (m.find()) v.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        if (!result) return null;
        return new Http(v.get("rps"), v.get("p50_us"), v.get("p99_us"), v.get("mean_us"),
                v.get("requests").longValue(), v.get("non2xx").longValue(), v.get("errors").longValue(),
                v.getOrDefault("service_us", Double.NaN), v.getOrDefault("postgres_us", Double.NaN),
                v.getOrDefault("machine_us", Double.NaN), v.getOrDefault("wal_bytes", Double.NaN),
                v.getOrDefault("wal_fpi", Double.NaN), v.getOrDefault("checkpoints", Double.NaN),
                v.getOrDefault("slow_commits", Double.NaN), v.getOrDefault("slow_max_ms", Double.NaN),
                v.getOrDefault("slow_held", Double.NaN), v.getOrDefault("bytes", Double.NaN), threads);
    }

    private Map<String, Jmh> jmh(Path file, String param) throws IOException {
        Map<String, Jmh> m = new LinkedHashMap<>();
        if (!Files.exists(file)) return m;
        for (JsonNode b : JSON.readTree(file.toFile())) {
            String name = b.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            JsonNode pm = b.get("primaryMetric");
            JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
            double best = Double.NaN;
            for (JsonNode fork : pm.path("rawData")) {
                for (JsonNode it : fork) best = Double.isNaN(best) ? it.asDouble() : Math.min(best, it.asDouble());
            }
            m.put(name + "/" + b.path("params").path(param).asText(),
                    new Jmh(pm.get("score").asDouble(), pm.get("scoreError").asDouble(Double.NaN), best,
                            alloc.isMissingNode() ? Double.NaN : alloc.asDouble()));
        }
        return m;
    }

    private Map<String, String> picks() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path p = dir.resolve("cases.txt");
        if (!Files.exists(p)) return m;
        for (String line : Files.readAllLines(p)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && (f[0].equals("small") || f[0].equals("typical") || f[0].equals("worst"))) {
                m.put(f[0], f[1] + " (" + f[2] + " firings)");
            }
        }
        return m;
    }

    private static Properties props(Path p) throws IOException {
        Properties pr = new Properties();
        if (Files.exists(p)) try (Reader in = Files.newBufferedReader(p)) {
            pr.load(in);
        }
        return pr;
    }

    /**
     * Paired's split of the pipeline's cost beyond the evaluation: its pieces (read, validate, write)
     * timed alone, and the rest, which is the evaluation and the pieces slowing each other down when
     * they take turns on one core (caches, branch predictors); empty for a run that did not time them.
     */
    private static String pieces(Properties p) {
        if (p.getProperty("piecesMedianUs") == null) return "";
        return String.format(Locale.ROOT, ", of which the pieces alone (read, validate, write) %.1f µs and the rest %.1f µs",
                Double.parseDouble(p.getProperty("piecesMedianUs")), Double.parseDouble(p.getProperty("restMedianUs")));
    }

    private static String verdict(boolean ok, String target, String measured) {
        return String.format("  %-9s %s: %s", ok ? "MET" : "NOT MET", target, measured);
    }

    private String us(Jmh j) {
        if (j.noisy()) noisy = true;
        String s = Double.isNaN(j.err()) ? String.format(Locale.ROOT, "%.1f µs", j.us())
                : String.format(Locale.ROOT, "%.1f ± %.1f µs", j.us(), j.err());
        return s + String.format(Locale.ROOT, " (best %.1f)", j.best()) + (j.noisy() ? " !" : "");
    }

    private static String alloc(Jmh j) {
        return Double.isNaN(j.allocBytes()) ? "" : String.format(Locale.ROOT, "%.0f KB allocated/op", j.allocBytes() / 1024);
    }

    private static String opsPerSec(double us) { return fmt0(1e6 / us) + " /s"; }

    private static String ms(double us) { return String.format(Locale.ROOT, "%.2f ms", us / 1000); }

    private static String x(double r) { return String.format(Locale.ROOT, "%.2fx", r); }

    private static String pct(double r) { return String.format(Locale.ROOT, "%.1f%%", r * 100); }

    private static String fmt0(double v) { return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.0f", v); }
}
