package lexgate.rules;

/** No ruleset has ever been loaded: decisions cannot be made (503). */
public class NoRulesetException extends RuntimeException {
    /** The service has no ruleset. */
    public NoRulesetException() { super("no ruleset is loaded"); }
}
