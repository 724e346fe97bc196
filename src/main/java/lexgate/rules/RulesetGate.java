package lexgate.rules;

import java.util.List;

/**
 * A check a compiled ruleset must pass before it may serve (at start-up and on reload), beyond
 * compiling and linting: implemented by the scenario layer (every rule reached by a scenario).
 */
public interface RulesetGate {
    /** Every problem as {@code file:line: message}; empty when the ruleset may serve. */
    List<String> problems(Ruleset ruleset, java.nio.file.Path rulesDir);
}
