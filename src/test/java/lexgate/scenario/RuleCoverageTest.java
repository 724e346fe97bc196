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

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every scenario in process and reports, for each rule, its citations and the scenarios that
 * make it fire and that assert it silent. Fails on a failing scenario, on a rule that no scenario
 * reaches and on a rule never asserted silent. The report is written to target/rule-coverage.md.
 */
class RuleCoverageTest {
    static Ruleset ruleset;
    static Coverage coverage;

    @BeforeAll
    static void runAll() {
        ruleset = RulesetCompiler.compile(Path.of("rules"), Path.of("policies"));
        coverage = Coverage.of(ruleset, ScenarioLoader.load(Path.of("."), Path.of("rules")));
    }

    @Test
    void everyScenarioPasses() {
        List<String> failures = coverage.failures().stream()
                .map(r -> r.scenario().label() + "\n    " + String.join("\n    ", r.problems())).toList();
        assertTrue(failures.isEmpty(), failures.size() + " of " + coverage.results().size() + " scenarios fail:\n"
                + String.join("\n", failures));
    }

    @Test
    void everyRuleFiresInOneScenarioAndStaysSilentInAnother() throws Exception {
        StringBuilder report = new StringBuilder("# Rule coverage\n\n| rule | citations | fires in | asserted silent in |\n|---|---|---|---|\n");
        List<String> gaps = new ArrayList<>();
        for (RuleMeta m : ruleset.rules()) {
            var f = coverage.fires().get(m.id());
            var s = coverage.silent().get(m.id());
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
