package lexgate.decision;

import java.util.List;

/**
 * What the rules concluded for one request, before it is given an id and stored. {@code firedRules}
 * lists the ids of every rule that fired, including those that only derive intermediate facts.
 */
public record Evaluation(Decision.Outcome outcome, List<Decision.Reason> reasons,
                         List<Decision.Obligation> obligations, List<Decision.Missing> missing,
                         List<String> firedRules, Decision.Supervision supervision, Decision.Exposure exposure) {
    /** An evaluation without supervision or exposure. */
    public Evaluation(Decision.Outcome outcome, List<Decision.Reason> reasons, List<Decision.Obligation> obligations,
                      List<Decision.Missing> missing, List<String> firedRules) {
        this(outcome, reasons, obligations, missing, firedRules, null, null);
    }

    /**
     * The decision this evaluation makes under the given head (id, asOf, time, ruleset, language;
     * null ones are left out of its JSON), without its request: the one way a decision is made of an
     * evaluation, for a new decision, a replay's and the CLI's.
     */
    public Decision decision(String decisionId, String asOf, String evaluatedAt, Decision.RulesetRef ruleset, String language) {
        return new Decision(decisionId, outcome, outcome == Decision.Outcome.ALLOW, asOf, evaluatedAt, ruleset, reasons,
                obligations, missing, null, language, supervision, exposure);
    }
}
