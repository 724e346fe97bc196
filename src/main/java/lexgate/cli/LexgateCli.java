package lexgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import lexgate.api.RequestReader;
import lexgate.decision.Decision;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.FieldError;
import lexgate.decision.InvalidRequestException;
import lexgate.decision.OperationRequest;
import lexgate.decision.RequestValidator;
import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.rules.RulesetException;
import lexgate.scenario.ConfusionMatrix;
import lexgate.scenario.Coverage;
import lexgate.scenario.Scenario;
import lexgate.scenario.ScenarioLoader;
import lexgate.scenario.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/lexgate}: the legal author's tools, on picocli. Every verb has {@code --help}; a problem
 * is one line (with {@code file:line} where it has one), never a stack trace. Exit codes: 0 all
 * good, 1 problems found (in the rules, a scenario, the evidence), 2 the command was not understood.
 * The rules and policies folders are {@code --rules} and {@code --policies}, else found from the
 * current folder upwards (a folder holding {@code rules/VERSION} and {@code policies/}), else the
 * installation's ({@code LEXGATE_HOME}, set by bin/lexgate).
 */
@Command(name = "lexgate", mixinStandardHelpOptions = true, version = "lexgate (see rules/VERSION for the ruleset)",
        description = "Check, test and explain the rules; verify evidence offline.",
        subcommands = {LexgateCli.Check.class, LexgateCli.Test.class, LexgateCli.Explain.class, LexgateCli.CoverageCmd.class,
                LexgateCli.Diff.class, LexgateCli.VerifyEvidence.class, LexgateCli.Reference.class, LexgateCli.Texts.class},
        footer = {"", "Exit codes: 0 all good, 1 problems found, 2 the command was not understood."})
public final class LexgateCli implements Callable<Integer> {
    /** Exit code: problems found. */
    static final int PROBLEMS = 1;
    /** Exit code: the command was not understood. */
    static final int USAGE = 2;

    final PrintStream out;

    @Option(names = "--rules", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "the rules folder (default: found from the current folder upwards)")
    Path rules;

    @Option(names = "--policies", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "the policies folder (default: beside the rules folder)")
    Path policies;

    LexgateCli(PrintStream out) {
        this.out = out;
    }

    /** Entry point. */
    public static void main(String[] args) {
        // Drools' performance hints are for engine developers, not legal authors.
        java.util.logging.Logger.getLogger("org.drools").setLevel(java.util.logging.Level.SEVERE);
        java.util.logging.Logger.getLogger("org.kie").setLevel(java.util.logging.Level.SEVERE);
        offlineDefaults();
        System.exit(new LexgateCli(System.out).run(args));
    }

    /**
     * Settings of a command-line run that differ from the service's, unless set on the command line
     * (JAVA_OPTS): each evaluation's budget is a minute, not five seconds. The budget is wall-clock
     * time, and a command runs in a JVM of its own that starts cold; several at once on a 2-core
     * machine (two auditors each running cases in parallel) ran past five seconds and answered the
     * budget's REVIEW for requests that conclude in milliseconds once warm.
     */
    static void offlineDefaults() {
        if (System.getProperty(Evaluator.BATCH_BUDGET_PROPERTY) == null) {
            System.setProperty(Evaluator.BATCH_BUDGET_PROPERTY, "60000");
        }
    }

    /** Runs one command line; returns the exit code. */
    int run(String[] args) {
        CommandLine cl = new CommandLine(this);
        PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
        cl.setOut(w).setErr(w);
        cl.setParameterExceptionHandler((e, a) -> {
            w.println(e.getMessage() + " (see lexgate " + (e.getCommandLine() == cl ? "" : e.getCommandLine().getCommandName() + " ")
                    + "--help); usage: " + e.getCommandLine().getCommandSpec().qualifiedName());
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof RulesetException r) {
                r.problems().forEach(w::println);
                w.println(r.problems().size() + " problem(s); the rules cannot be loaded");
                return PROBLEMS;
            }
            if (e instanceof ScenarioLoader.Invalid s) {
                s.problems().forEach(w::println);
                w.println(s.problems().size() + " problem(s); fix the file(s) and run again");
                return PROBLEMS;
            }
            if (e instanceof Located l) {
                w.println(l.getMessage());
                return l.code;
            }
            w.println("lexgate: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return PROBLEMS;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        out.println("usage: lexgate [--rules DIR] [--policies DIR] check | test [--report] [FILE|DIR ...] | explain REQUEST.json"
                + " | coverage | diff A B | verify-evidence FILE --public-key PEM | reference | texts --missing law|fr|de   (lexgate VERB --help)");
        return USAGE;
    }

    /** A problem to report in one line with an exit code (not a stack trace). */
    static final class Located extends RuntimeException {
        final int code;

        Located(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The rules folder: --rules, else found from the current folder upwards, else LEXGATE_HOME's. */
    Path rules() {
        if (rules != null) {
            if (!Files.isDirectory(rules)) throw new Located(USAGE, "lexgate: --rules " + rules + " is not a folder");
            return rules;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("rules/VERSION")) && Files.isDirectory(p.resolve("policies"))) return p.resolve("rules");
            if (p.getFileName() != null && p.getFileName().toString().equals("rules") && Files.isRegularFile(p.resolve("VERSION"))) return p;
        }
        String home = System.getenv("LEXGATE_HOME");
        if (home != null && Files.isRegularFile(Path.of(home, "rules/VERSION"))) return Path.of(home, "rules");
        throw new Located(USAGE, "lexgate: no rules folder here or above; give --rules DIR (and --policies DIR)");
    }

    /** The policies folder: --policies, else beside the rules folder. */
    Path policies() {
        if (policies != null) {
            if (!Files.isDirectory(policies)) throw new Located(USAGE, "lexgate: --policies " + policies + " is not a folder");
            return policies;
        }
        Path p = rules().toAbsolutePath().normalize().getParent().resolve("policies");
        if (!Files.isDirectory(p)) throw new Located(USAGE, "lexgate: no policies folder beside " + rules() + "; give --policies DIR");
        return p;
    }

    /** Paths in reports are relative to the folder that holds the rules folder ("rules/..."). */
    Path base() {
        Path parent = rules().toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    Ruleset compile() {
        return RulesetCompiler.compile(rules(), policies());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Compile and check the rules and policies as the service does before a ruleset serves: the walls,",
                    "the metadata, every rule reached by a scenario and every scenario passing.",
                    "Every problem as file:line: message; exit 1 on any."})
    static final class Check implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Override
        public Integer call() {
            // Every problem in one run, not in waves: the rules, the scenario files and the scenarios'
            // requests are each checked even when another of them fails.
            List<String> problems = new ArrayList<>();
            Ruleset r = null;
            try {
                r = cli.compile();
            } catch (RulesetException e) {
                problems.addAll(e.problems());
            }
            List<lexgate.scenario.Scenario> scenarios = ScenarioLoader.load(cli.base(), cli.rules(), problems);
            if (r != null && problems.isEmpty()) {
                Coverage c = Coverage.of(r, scenarios);
                problems.addAll(c.unreached(r));
                problems.addAll(c.failureProblems());
            } else {
                lexgate.policy.PolicySet policies = null;
                try {
                    policies = r != null ? r.policies() : lexgate.policy.PolicyLoader.load(cli.policies());
                } catch (RuntimeException e) {
                    // the policies' own problems are among the compile's
                }
                for (lexgate.scenario.Scenario s : policies == null ? List.<lexgate.scenario.Scenario>of() : scenarios) {
                    try {
                        problems.addAll(lexgate.scenario.ScenarioRunner.requestProblems(s, lexgate.scenario.ScenarioRunner.request(s), policies));
                    } catch (IllegalArgumentException e) {
                        problems.add(s.label() + ": " + e.getMessage());
                    }
                }
            }
            if (!problems.isEmpty()) throw new RulesetException(problems);
            cli.out.println("ok: " + r.rulesByQualifiedName().size() + " rules, ruleset " + r.version() + " " + r.digest());
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run scenarios (default: every *.scenarios.yaml under the rules folder).",
                    "Each failure with what was expected and what the rules answered; ends 'N passed, N failed'."})
    static final class Test implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Option(names = "--report", description = "also print the confusion matrix of the real cases (rules/cases)")
        boolean report;

        @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "scenario files or folders")
        List<Path> paths = new ArrayList<>();

        @Override
        public Integer call() {
            PrintStream out = cli.out;
            Ruleset r = cli.compile();
            List<Scenario> scenarios = new ArrayList<>();
            List<Path> where = paths.isEmpty() ? List.of(cli.rules()) : paths;
            for (Path p : where) {
                if (!Files.exists(p)) throw new Located(USAGE, "lexgate test: " + p + " does not exist");
                scenarios.addAll(ScenarioLoader.load(cli.base(), p));
            }
            int passed = 0, failed = 0;
            List<ScenarioRunner.Result> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                ScenarioRunner.Result res = ScenarioRunner.run(r, s);
                results.add(res);
                if (res.passed()) {
                    passed++;
                    continue;
                }
                failed++;
                out.println("FAIL " + s.label());
                Evaluation ev = res.evaluation();
                if (ev != null) {
                    out.println("  expected " + s.expect().outcome() + " citing " + s.expect().cites() + "; got " + ev.outcome());
                    for (Decision.Reason reason : ev.reasons()) {
                        out.println("    " + reason.effect() + " " + reason.rule() + " " + reason.citations().stream().map(Decision.CitationRef::id).toList());
                    }
                    for (Decision.Obligation o : ev.obligations()) out.println("    OBLIGATION " + o.action() + " " + o.rule());
                }
                res.problems().forEach(p -> out.println("  - " + p));
            }
            if (report) report(out, results);
            out.println(passed + " passed, " + failed + " failed");
            return failed == 0 ? 0 : PROBLEMS;
        }

        /** The confusion matrix of the real cases (scenarios under rules/cases), per file and in total. */
        private static void report(PrintStream out, List<ScenarioRunner.Result> results) {
            List<ScenarioRunner.Result> real = results.stream().filter(x -> x.scenario().file().startsWith("rules/cases/")).toList();
            out.println();
            out.println("Real cases (rules/cases): expected outcome (rows) against actual (columns)");
            for (var e : ConfusionMatrix.byFile(real).entrySet()) out.println("  " + e.getKey() + ": " + e.getValue().summary());
            ConfusionMatrix all = ConfusionMatrix.of(real);
            out.println();
            out.print(all.table());
            out.println(all.summary());
            out.println();
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Evaluate one request (the contract's JSON body) offline: outcome, reasons, obligations, missing facts.")
    static final class Explain implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Parameters(paramLabel = "REQUEST.json", description = "the request body")
        Path file;

        @Option(names = "--json", description = "print the decision as the service's JSON response body, for machines")
        boolean json;

        @Option(names = "--lang", paramLabel = "en|fr|de", description = "the language of the explanations (default en)")
        String lang = "en";

        @Override
        public Integer call() throws Exception {
            PrintStream out = cli.out;
            if (!List.of("en", "fr", "de").contains(lang)) throw new Located(USAGE, "lexgate explain: --lang must be en, fr or de");
            Ruleset r = cli.compile();
            OperationRequest req;
            try {
                req = RequestReader.read(Files.readString(file));
            } catch (InvalidRequestException e) {
                e.errors().forEach(fe -> out.println("invalid: " + fe.field() + ": " + fe.message()));
                return PROBLEMS;
            } catch (RuntimeException | java.io.IOException e) {
                out.println("cannot read " + file + ": " + e.getMessage());
                return PROBLEMS;
            }
            List<FieldError> errors = RequestValidator.validate(req, r.policies());
            if (!errors.isEmpty()) {
                errors.forEach(fe -> out.println("invalid: " + fe.field() + ": " + fe.message()));
                return PROBLEMS;
            }
            if (req.asOf() == null) req = req.withAsOf(LocalDate.now(ZoneOffset.UTC).toString());
            Evaluation ev = Evaluator.evaluate(r, req, Evaluator.batchBudget(), lang);
            if (json) {
                Decision d = ev.decision(null, req.asOf(), null, new Decision.RulesetRef(r.version(), r.digest()), lang);
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(d));
                return 0;
            }
            out.println("Outcome:  " + ev.outcome() + "   (as of " + req.asOf() + ")");
            out.println("Ruleset:  " + r.version() + " " + r.digest());
            out.println("Reasons:");
            for (Decision.Reason reason : ev.reasons()) {
                out.println("  " + reason.effect() + "  " + reason.rule() + "  ["
                        + String.join("; ", reason.citations().stream().map(Decision.CitationRef::label).toList()) + "]");
                out.println("      " + reason.explanation());
            }
            if (!ev.obligations().isEmpty()) {
                out.println("Obligations:");
                for (Decision.Obligation o : ev.obligations()) {
                    out.println("  " + o.action() + "  " + o.rule() + "  ["
                            + String.join("; ", o.citations().stream().map(Decision.CitationRef::label).toList()) + "]");
                    out.println("      " + o.explanation());
                }
            }
            if (!ev.missing().isEmpty()) {
                out.println("Missing facts:");
                for (Decision.Missing m : ev.missing()) out.println("  " + m.field() + ": " + m.reason());
            }
            return 0;
        }
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true,
            description = {"Each rule with its citations, the scenarios that make it fire and those that assert it silent;",
                    "the gaps (a rule no scenario fires, or none asserts silent) by name. Exit 1 on a gap."})
    static final class CoverageCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Option(names = "--gaps", description = "list only the rules with gaps")
        boolean gapsOnly;

        @Override
        public Integer call() {
            PrintStream out = cli.out;
            Ruleset r = cli.compile();
            Coverage c = Coverage.of(r, ScenarioLoader.load(cli.base(), cli.rules()));
            List<String> gaps = new ArrayList<>();
            for (RuleMeta m : r.rules()) {
                var fires = c.fires().get(m.id());
                var silent = c.silent().get(m.id());
                boolean gap = fires.isEmpty() || silent.isEmpty();
                if (gap) gaps.add(m.id() + (fires.isEmpty() ? " fires in no scenario" : "") + (fires.isEmpty() && silent.isEmpty() ? " and" : "")
                        + (silent.isEmpty() ? " is asserted silent in no scenario" : "") + " (" + m.file() + ":" + m.line() + ")");
                if (gapsOnly && !gap) continue;
                out.println((gap ? "GAP  " : "ok   ") + m.id() + "  " + String.join(" ", m.citations()) + "  (" + m.file() + ":" + m.line() + ")");
                out.println("     fires in " + fires.size() + ": " + String.join(", ", fires));
                out.println("     silent in " + silent.size() + ": " + String.join(", ", silent));
            }
            if (!gaps.isEmpty()) {
                out.println("Gaps:");
                gaps.forEach(g -> out.println("  " + g));
            }
            out.println(r.rules().size() - gaps.size() + " covered, " + gaps.size() + " with gaps");
            return gaps.isEmpty() ? 0 : PROBLEMS;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"What changed between two rulesets: rules (added, removed, changed), policy files and citations.",
                    "A and B are folders holding rules/ and policies/, or digests of stored rulesets fetched from a running",
                    "service (--service URL, and LEXGATE_KEY or --key with the review role)."})
    static final class Diff implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Parameters(index = "0", paramLabel = "A", description = "a folder (holding rules/ and policies/) or sha256:... digest")
        String a;

        @Parameters(index = "1", paramLabel = "B", description = "a folder or a digest")
        String b;

        @Option(names = "--service", paramLabel = "URL", description = "the service to fetch stored rulesets from (default $LEXGATE_URL)")
        String service = System.getenv("LEXGATE_URL");

        @Option(names = "--key", paramLabel = "KEY", description = "an API key with the review role (default $LEXGATE_KEY)")
        String key = System.getenv("LEXGATE_KEY");

        @Override
        public Integer call() throws Exception {
            RulesetDiff.Side left = side(a), right = side(b);
            List<String> lines = RulesetDiff.compare(left, right);
            lines.forEach(cli.out::println);
            cli.out.println(lines.isEmpty() ? "no difference" : lines.size() + " difference(s)");
            return 0;
        }

        private RulesetDiff.Side side(String which) throws Exception {
            if (which.startsWith("sha256:")) {
                if (service == null) throw new Located(USAGE, "lexgate diff: a digest needs --service URL (or LEXGATE_URL)");
                return RulesetDiff.fetch(service, key, which);
            }
            Path p = Path.of(which);
            if (!Files.isDirectory(p.resolve("rules")) || !Files.isDirectory(p.resolve("policies"))) {
                throw new Located(USAGE, "lexgate diff: " + which + " is neither a digest nor a folder holding rules/ and policies/");
            }
            return RulesetDiff.read(p);
        }
    }

    @Command(name = "verify-evidence", mixinStandardHelpOptions = true,
            description = {"Check a decision's evidence document offline (GET /v1/decisions/{id}/evidence) with the service's",
                    "public key (GET /v1/audit/public-key): the record's hash, its audit path to the signed checkpoint, the",
                    "signature, the ruleset's digest, and the request evaluated again to the same decision. Exit 1 if it does not hold."})
    static final class VerifyEvidence implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Parameters(paramLabel = "EVIDENCE.json")
        Path file;

        @Option(names = "--public-key", required = true, paramLabel = "PEM", description = "the service's Ed25519 public key")
        Path key;

        @Override
        public Integer call() {
            PrintStream out = cli.out;
            java.security.PublicKey pk;
            try {
                pk = lexgate.audit.SigningKeys.readPublic(Files.readString(key));
            } catch (java.security.GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
                out.println("not an Ed25519 public key (PEM): " + key);
                return PROBLEMS;
            }
            ObjectMapper mapper = new ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode doc;
            try {
                doc = mapper.readTree(Files.readString(file));
            } catch (java.io.IOException e) {
                out.println("cannot read " + file + ": not JSON");
                return PROBLEMS;
            }
            List<String> facts = new ArrayList<>();
            List<String> problems = lexgate.audit.Evidence.check(mapper, doc, pk, facts);
            facts.forEach(f -> out.println("ok: " + f));
            problems.forEach(p -> out.println("FAILED: " + p));
            out.println(problems.isEmpty() ? "the evidence holds" : problems.size() + " problem(s): the evidence does not hold");
            return problems.isEmpty() ? 0 : PROBLEMS;
        }
    }

    @Command(name = "reference", mixinStandardHelpOptions = true,
            description = "Print the authors' reference (docs/authoring.md), generated from the vocabulary and the policies.")
    static final class Reference implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Override
        public Integer call() {
            cli.out.print(AuthoringReference.markdown(lexgate.policy.PolicyLoader.load(cli.policies())));
            return 0;
        }
    }

    @Command(name = "texts", mixinStandardHelpOptions = true,
            description = {"The rules whose quoted law (law) or French (fr) or German (de) explanations are missing,",
                    "as YAML to fill in, file by file: each rule with its citations and its English explanations.",
                    "Exit 1 when any is missing."})
    static final class Texts implements Callable<Integer> {
        @CommandLine.ParentCommand
        LexgateCli cli;

        @Option(names = "--missing", required = true, paramLabel = "law|fr|de", description = "which texts to list: law, fr or de")
        String which;

        @Override
        public Integer call() {
            if (!List.of("law", "fr", "de").contains(which)) {
                throw new Located(USAGE, "lexgate texts: --missing takes law, fr or de, not '" + which + "'");
            }
            Ruleset r = cli.compile();
            java.util.Map<String, List<RuleMeta>> byFile = new java.util.TreeMap<>();
            for (RuleMeta m : r.rules()) {
                boolean missing = which.equals("law") ? m.quotes().isEmpty() : !m.templates().isEmpty() && !m.translations().containsKey(which);
                if (missing) byFile.computeIfAbsent(m.file(), k -> new ArrayList<>()).add(m);
            }
            int n = 0;
            for (var e : byFile.entrySet()) {
                String target = e.getKey().replace(".drl", which.equals("law") ? ".law.yaml" : ".messages." + which + ".yaml");
                cli.out.println("# ---- " + target);
                for (RuleMeta m : e.getValue()) {
                    n++;
                    cli.out.println("# " + m.title() + " (" + m.file() + ":" + m.line() + "), cites " + String.join(", ", m.citations()));
                    if (which.equals("law")) {
                        cli.out.println(m.id() + ":");
                        for (String c : m.citations()) {
                            boolean national = c.startsWith("fr-") || c.startsWith("de-");
                            cli.out.println("  - cite: " + c);
                            if (national) cli.out.println("    lang: " + c.substring(0, 2));
                            cli.out.println("    text: \"\"");
                            if (national) cli.out.println("    en: \"\"");
                        }
                    } else {
                        cli.out.println(m.id() + ":");
                        for (var t : m.templates()) cli.out.println("  - \"" + t.english().replace("\\", "\\\\").replace("\"", "\\\"") + "\"   # " + t.kind());
                    }
                }
            }
            cli.out.println("# " + n + " rule(s) missing " + (which.equals("law") ? "their quoted law" : which + " explanations"));
            return n == 0 ? 0 : PROBLEMS;
        }
    }
}
