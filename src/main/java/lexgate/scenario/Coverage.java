package lexgate.scenario;

import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Runs scenarios against a ruleset and records, per rule, which scenarios make it fire and assert it silent. */
public record Coverage(List<ScenarioRunner.Result> results, Map<String, TreeSet<String>> fires,
                       Map<String, TreeSet<String>> silent) {

    /** Runs every scenario. */
    public static Coverage of(Ruleset ruleset, List<Scenario> scenarios) {
        Map<String, TreeSet<String>> fires = new TreeMap<>(), silent = new TreeMap<>();
        for (RuleMeta m : ruleset.rules()) {
            fires.put(m.id(), new TreeSet<>());
            silent.put(m.id(), new TreeSet<>());
        }
        List<ScenarioRunner.Result> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            ScenarioRunner.Result r = ScenarioRunner.run(ruleset, s);
            results.add(r);
            if (r.evaluation() == null) continue;
            for (String id : r.evaluation().firedRules()) fires.computeIfAbsent(id, k -> new TreeSet<>()).add(s.name());
            for (String id : s.expect().silent()) {
                if (!r.evaluation().firedRules().contains(id)) silent.computeIfAbsent(id, k -> new TreeSet<>()).add(s.name());
            }
        }
        return new Coverage(results, fires, silent);
    }

    /** The lint: every rule reached by at least one scenario, as {@code file:line: message} problems. */
    public List<String> unreached(Ruleset ruleset) {
        List<String> out = new ArrayList<>();
        for (RuleMeta m : ruleset.rules()) {
            if (fires.getOrDefault(m.id(), new TreeSet<>()).isEmpty()) {
                out.add(m.file() + ":" + m.line() + ": rule \"" + m.title() + "\" (" + m.id()
                        + ") is reached by no scenario; add one to a *.scenarios.yaml file beside it");
            }
        }
        return out;
    }

    /** Every failing scenario as one problem: where it is, and each way it failed. */
    public List<String> failureProblems() {
        return failures().stream().map(r -> r.scenario().label() + ": scenario fails: " + String.join("; ", r.problems())).toList();
    }

    /** Scenarios that failed, with their problems. */
    public List<ScenarioRunner.Result> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }
}
