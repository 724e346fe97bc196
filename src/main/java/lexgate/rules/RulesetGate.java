package lexgate.rules;

import java.util.List;

/**
 * A check a compiled ruleset must pass before it may serve (at start-up, on reload, and in
 * validation), beyond compiling behind the walls: implemented by the scenario layer (every rule
 * reached by a scenario, every scenario passing).
 */
public interface RulesetGate {
    /** What the gate found: every problem as {@code file:line: message}, and the scenarios run. */
    record Verdict(List<String> problems, int scenariosPassed, int scenariosFailed) {}

    /** Checks the ruleset against the scenarios under {@code rulesDir}. */
    Verdict check(Ruleset ruleset, java.nio.file.Path rulesDir);
}
