package lexgate.scenario;

import lexgate.decision.Decision;
import lexgate.decision.Evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Compares what a scenario expects with what the rules decided; an empty list means it passed. */
public final class ScenarioCheck {
    private ScenarioCheck() {}

    /** Every way the evaluation differs from the expectation. */
    public static List<String> check(Scenario s, Evaluation ev) {
        Scenario.Expect x = s.expect();
        List<String> problems = new ArrayList<>();
        if (!x.outcome().equals(ev.outcome().name())) {
            problems.add("outcome: expected " + x.outcome() + ", got " + ev.outcome());
        }
        List<String> cited = Stream.concat(ev.reasons().stream().flatMap(r -> r.citations().stream()),
                ev.obligations().stream().flatMap(o -> o.citations().stream())).map(Decision.CitationRef::id).distinct().toList();
        for (String prefix : x.cites()) {
            if (cited.stream().noneMatch(c -> c.equals(prefix) || c.startsWith(prefix + "-"))) {
                problems.add("cites: expected a citation " + prefix + "*, got " + cited);
            }
        }
        List<String> actions = ev.obligations().stream().map(Decision.Obligation::action).toList();
        if (x.anyObligation() && actions.isEmpty()) problems.add("obligations: expected at least one, got none");
        for (String a : x.obligations()) {
            if (!actions.contains(a)) problems.add("obligations: expected " + a + ", got " + actions);
        }
        for (String r : x.rules()) {
            if (!ev.firedRules().contains(r)) problems.add("rules: expected " + r + " to fire; fired " + ev.firedRules());
        }
        for (String r : x.silent()) {
            if (ev.firedRules().contains(r)) problems.add("silent: expected " + r + " not to fire, but it did");
        }
        List<String> missing = ev.missing().stream().map(Decision.Missing::field).toList();
        for (String f : x.missing()) {
            if (!missing.contains(f)) problems.add("missing: expected " + f + ", got " + missing);
        }
        return problems;
    }
}
