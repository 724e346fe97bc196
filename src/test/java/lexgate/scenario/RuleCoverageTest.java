package lexgate.scenario;

import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every scenario in process and reports, for each rule, its citations and the scenarios that
 * make it fire and that assert it stays silent. Fails on a failing scenario and on a rule that no
 * scenario reaches. The report is written to target/rule-coverage.md.
 */
class RuleCoverageTest {
    static Ruleset ruleset;
    static List<ScenarioRunner.Result> results;

    @BeforeAll
    static void runAll() {
        ruleset = RulesetCompiler.compile(Path.of("rules"), Path.of("policies"));
        results = ScenarioLoader.load(Path.of("."), Path.of("rules")).stream()
                .map(s -> ScenarioRunner.run(ruleset, s)).toList();
    }

    @Test
    void everyScenarioPasses() {
        List<String> failures = new ArrayList<>();
        for (ScenarioRunner.Result r : results) {
            if (!r.passed()) failures.add(r.scenario().label() + "\n    " + String.join("\n    ", r.problems()));
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + results.size() + " scenarios fail:\n" + String.join("\n", failures));
    }

    @Test
    void everyRuleFiresInOneScenarioAndStaysSilentInAnother() throws Exception {
        Map<String, TreeSet<String>> fires = new TreeMap<>();
        Map<String, TreeSet<String>> silent = new TreeMap<>();
        for (RuleMeta m : ruleset.rules()) {
            fires.put(m.id(), new TreeSet<>());
            silent.put(m.id(), new TreeSet<>());
        }
        for (ScenarioRunner.Result r : results) {
            if (r.evaluation() == null) continue;
            for (String id : r.evaluation().firedRules()) fires.computeIfAbsent(id, k -> new TreeSet<>()).add(r.scenario().name());
            for (String id : r.scenario().expect().silent()) {
                if (!r.evaluation().firedRules().contains(id)) silent.computeIfAbsent(id, k -> new TreeSet<>()).add(r.scenario().name());
            }
        }
        StringBuilder report = new StringBuilder("# Rule coverage\n\n| rule | citations | fires in | asserted silent in |\n|---|---|---|---|\n");
        List<String> gaps = new ArrayList<>();
        for (RuleMeta m : ruleset.rules()) {
            var f = fires.get(m.id());
            var s = silent.get(m.id());
            report.append("| ").append(m.id()).append(" | ").append(String.join(" ", m.citations())).append(" | ")
                    .append(f.isEmpty() ? "**none**" : String.join(", ", f)).append(" | ")
                    .append(s.isEmpty() ? "**none**" : String.join(", ", s)).append(" |\n");
            if (f.isEmpty()) gaps.add(m.id() + " (" + m.file() + ":" + m.line() + ") fires in no scenario");
            if (s.isEmpty()) gaps.add(m.id() + " (" + m.file() + ":" + m.line() + ") is asserted silent in no scenario");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/rule-coverage.md"), report);
        assertTrue(gaps.isEmpty(), gaps.size() + " coverage gaps (report: target/rule-coverage.md):\n" + String.join("\n", gaps));
    }
}
