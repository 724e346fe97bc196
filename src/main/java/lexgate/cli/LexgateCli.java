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

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lexgate check | test [PATH...] | explain FILE.json | coverage}, with {@code --rules DIR} and
 * {@code --policies DIR} (default {@code rules} and {@code policies}). Exit 0 on success, 1 on a
 * problem found, 2 on a usage error.
 */
public final class LexgateCli {
    private final PrintStream out;
    private Path rules = Path.of("rules");
    private Path policies = Path.of("policies");

    LexgateCli(PrintStream out) { this.out = out; }

    /** Entry point. */
    public static void main(String[] args) {
        // Drools' performance hints are for engine developers, not legal authors.
        java.util.logging.Logger.getLogger("org.drools").setLevel(java.util.logging.Level.SEVERE);
        java.util.logging.Logger.getLogger("org.kie").setLevel(java.util.logging.Level.SEVERE);
        System.exit(new LexgateCli(System.out).run(args));
    }

    int run(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rules" -> rules = Path.of(args[++i]);
                case "--policies" -> policies = Path.of(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        if (rest.isEmpty()) return usage();
        String verb = rest.remove(0);
        try {
            return switch (verb) {
                case "check" -> check();
                case "test" -> test(rest);
                case "explain" -> rest.size() == 1 ? explain(Path.of(rest.get(0))) : usage();
                case "coverage" -> coverage();
                case "verify-evidence" -> verifyEvidence(rest);
                default -> usage();
            };
        } catch (RulesetException e) {
            e.problems().forEach(out::println);
            out.println(e.problems().size() + " problem(s); the rules cannot be loaded");
            return 1;
        } catch (ScenarioLoader.Invalid e) {
            // Scenario files that cannot be used as written: every problem with its file and line;
            // a legal author needs those lines, not a stack trace.
            e.problems().forEach(out::println);
            out.println(e.problems().size() + " problem(s); fix the file(s) and run again");
            return 1;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("1 problem; fix the file and run again");
            return 1;
        }
    }

    private int usage() {
        out.println("usage: lexgate [--rules DIR] [--policies DIR] check | test [--report] [FILE|DIR ...] | explain REQUEST.json | coverage | verify-evidence FILE --public-key PEM");
        return 2;
    }

    private int check() {
        Ruleset r = RulesetCompiler.compile(rules, policies);
        List<String> problems = Coverage.of(r, ScenarioLoader.load(base(), rules)).unreached(r);
        if (!problems.isEmpty()) throw new RulesetException(problems);
        out.println("ok: " + r.rulesByQualifiedName().size() + " rules, ruleset " + r.version() + " " + r.digest());
        return 0;
    }

    /** Paths in reports are relative to the folder that holds the rules folder ("rules/..."). */
    private Path base() {
        Path parent = rules.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private int test(List<String> args) {
        boolean report = args.remove("--report");
        List<String> paths = args;
        Ruleset r = RulesetCompiler.compile(rules, policies);
        List<Scenario> scenarios = new ArrayList<>();
        if (paths.isEmpty()) paths = List.of(rules.toString());
        for (String p : paths) scenarios.addAll(ScenarioLoader.load(base(), Path.of(p)));
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
        if (report) report(results);
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** The confusion matrix of the real cases (scenarios under rules/cases), per file and in total. */
    private void report(List<ScenarioRunner.Result> results) {
        List<ScenarioRunner.Result> real = results.stream()
                .filter(x -> x.scenario().file().startsWith("rules/cases/")).toList();
        out.println();
        out.println("Real cases (rules/cases): expected outcome (rows) against actual (columns)");
        for (var e : ConfusionMatrix.byFile(real).entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue().summary());
        }
        ConfusionMatrix all = ConfusionMatrix.of(real);
        out.println();
        out.print(all.table());
        out.println(all.summary());
        out.println();
    }

    private int explain(Path file) throws RulesetException {
        Ruleset r = RulesetCompiler.compile(rules, policies);
        OperationRequest req;
        try {
            req = RequestReader.read(Files.readString(file));
        } catch (InvalidRequestException e) {
            e.errors().forEach(fe -> out.println("invalid: " + fe.field() + ": " + fe.message()));
            return 1;
        } catch (RuntimeException | java.io.IOException e) {
            out.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        List<FieldError> errors = RequestValidator.validate(req, r.policies());
        if (!errors.isEmpty()) {
            errors.forEach(fe -> out.println("invalid: " + fe.field() + ": " + fe.message()));
            return 1;
        }
        if (req.asOf() == null) req = req.withAsOf(LocalDate.now(ZoneOffset.UTC).toString());
        Evaluation ev = Evaluator.evaluate(r, req, Evaluator.BATCH_BUDGET);
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

    /** {@code verify-evidence FILE --public-key PEM}: the offline check of an evidence document. */
    private int verifyEvidence(List<String> args) {
        String file = null, key = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--public-key") && i + 1 < args.size()) key = args.get(++i);
            else if (file == null) file = args.get(i);
        }
        if (file == null || key == null) {
            out.println("usage: lexgate verify-evidence EVIDENCE.json --public-key PUBLIC-KEY.pem");
            return 2;
        }
        java.security.PublicKey pk;
        try {
            pk = lexgate.audit.SigningKeys.readPublic(Files.readString(Path.of(key)));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            out.println("not an Ed25519 public key (PEM): " + key);
            return 1;
        }
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode doc;
        try {
            doc = mapper.readTree(Files.readString(Path.of(file)));
        } catch (java.io.IOException e) {
            out.println("cannot read " + file + ": not JSON");
            return 1;
        }
        List<String> facts = new ArrayList<>();
        List<String> problems = lexgate.audit.Evidence.check(mapper, doc, pk, facts);
        facts.forEach(f -> out.println("ok: " + f));
        problems.forEach(p -> out.println("FAILED: " + p));
        out.println(problems.isEmpty() ? "the evidence holds" : problems.size() + " problem(s): the evidence does not hold");
        return problems.isEmpty() ? 0 : 1;
    }

    private int coverage() {
        Ruleset r = RulesetCompiler.compile(rules, policies);
        Coverage c = Coverage.of(r, ScenarioLoader.load(base(), rules));
        int gaps = 0;
        for (RuleMeta m : r.rules()) {
            int f = c.fires().get(m.id()).size(), s = c.silent().get(m.id()).size();
            out.println((f > 0 && s > 0 ? "ok   " : "GAP  ") + m.id() + "  " + String.join(" ", m.citations()) + "  fires in "
                    + f + ", asserted silent in " + s + "  (" + m.file() + ":" + m.line() + ")");
            if (f == 0 || s == 0) gaps++;
        }
        out.println(r.rules().size() - gaps + " covered, " + gaps + " with gaps");
        return gaps == 0 ? 0 : 1;
    }
}
