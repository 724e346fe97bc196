package lexgate.rules;

import java.util.List;

/** A ruleset could not be built; each problem reads {@code file:line: message}. */
public class RulesetException extends RuntimeException {
    private final List<String> problems;

    /** A failure with every problem found. */
    public RulesetException(List<String> problems) {
        super("ruleset rejected:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file:line: message}. */
    public List<String> problems() { return problems; }
}
