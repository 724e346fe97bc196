package lexgate.scenario;

import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.rules.RulesetException;
import lexgate.rules.SourceFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a candidate set of rule, policy and scenario files without activating anything: compile,
 * lint, scenario reachability, and every scenario's result. Used by {@code POST /v1/rulesets/validate}.
 */
public final class CandidateCheck {
    private CandidateCheck() {}

    /** One failing scenario. */
    public record Failure(String scenario, List<String> problems) {}

    /**
     * The result: {@code valid} only when there is no problem and every scenario passed; digest if it
     * compiled; scenario results; and the compiled ruleset (not part of the answer), so that a valid
     * candidate can be stored and later activated by its digest.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ValidationResult")
    public record Result(boolean valid, String version, String digest, int rules, List<String> problems,
                         int scenariosPassed, int scenariosFailed, List<Failure> failures,
                         @com.fasterxml.jackson.annotation.JsonIgnore Ruleset ruleset) {
        /** The same result with more problems (e.g. a label another ruleset already carries); no longer valid. */
        public Result withProblems(List<String> more) {
            if (more.isEmpty()) return this;
            List<String> all = new ArrayList<>(problems);
            all.addAll(more);
            return new Result(false, version, digest, rules, all, scenariosPassed, scenariosFailed, failures, ruleset);
        }
    }

    /**
     * Checks {@code files} (paths "rules/..." or "policies/...", text content); when {@code overlay} is
     * true they are laid over the files now on disk in the two directories, else they stand alone.
     */
    public static Result check(Map<String, String> files, boolean overlay, Path rulesDir, Path policiesDir) {
        List<String> problems = new ArrayList<>();
        Map<String, String> all = new TreeMap<>();
        if (overlay) {
            for (SourceFile f : RulesetCompiler.readFiles(rulesDir, policiesDir)) all.put(f.path(), f.content());
            for (Map.Entry<String, String> e : diskScenarios(rulesDir).entrySet()) all.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            String path = e.getKey();
            if (!(path.startsWith("rules/") || path.startsWith("policies/")) || path.contains("..") || path.contains("\\")) {
                problems.add(path + ":0: only paths under rules/ or policies/ are accepted");
            } else if (e.getValue() == null) {
                all.remove(path);
            } else {
                all.put(path, e.getValue());
            }
        }
        if (!problems.isEmpty()) return new Result(false, null, null, 0, problems, 0, 0, List.of(), null);
        List<SourceFile> sources = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String path = e.getKey();
            if (path.endsWith(ScenarioLoader.SUFFIX)) {
                try {
                    scenarios.addAll(ScenarioLoader.parse(path, e.getValue()));
                } catch (ScenarioLoader.Invalid ex) {
                    problems.addAll(ex.problems());
                }
            } else if (path.startsWith("rules/") && (path.endsWith(".drl") || path.equals("rules/" + RulesetCompiler.VERSION_FILE)
                    || lexgate.rules.RuleTexts.isTextFile(path))
                    || path.startsWith("policies/") && (path.endsWith(".yaml") || path.endsWith(".yml"))) {
                sources.add(new SourceFile(path, e.getValue()));
            }
        }
        Ruleset r;
        try {
            r = RulesetCompiler.compile(sources);
        } catch (RulesetException ex) {
            problems.addAll(ex.problems());
            return new Result(false, null, null, 0, problems, 0, 0, List.of(), null);
        }
        Coverage c = Coverage.of(r, scenarios);
        problems.addAll(c.unreached(r));
        List<Failure> failures = c.failures().stream()
                .map(f -> new Failure(f.scenario().label(), f.problems())).toList();
        return new Result(problems.isEmpty() && failures.isEmpty(), r.version(), r.digest(), r.rulesByQualifiedName().size(),
                problems, c.results().size() - failures.size(), failures.size(), failures, r);
    }

    private static Map<String, String> diskScenarios(Path rulesDir) {
        Map<String, String> out = new TreeMap<>();
        try (var walk = Files.walk(rulesDir)) {
            for (Path p : walk.filter(x -> x.getFileName().toString().endsWith(ScenarioLoader.SUFFIX)).toList()) {
                out.put("rules/" + rulesDir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
