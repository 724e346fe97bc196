package lexgate.decision;

import java.util.List;

/** What the rules concluded for one request, before it is given an id and stored. */
public record Evaluation(Decision.Outcome outcome, List<Decision.Reason> reasons,
                         List<Decision.Obligation> obligations, List<Decision.Missing> missing) {}
