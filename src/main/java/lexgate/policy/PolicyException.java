package lexgate.policy;

import java.util.List;

/** The policy files could not be read; every problem is listed as {@code file: message}. */
public class PolicyException extends RuntimeException {
    private final List<String> problems;

    /** A failure with its problems. */
    public PolicyException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file: message}. */
    public List<String> problems() { return problems; }
}
