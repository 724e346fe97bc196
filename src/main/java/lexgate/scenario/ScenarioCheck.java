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
        List<String> cited = Stream.of(ev.reasons().stream().flatMap(r -> r.citations().stream()),
                ev.obligations().stream().flatMap(o -> o.citations().stream()),
                ev.supervision() == null ? Stream.<Decision.CitationRef>empty() : ev.supervision().citations().stream())
                .flatMap(c -> c).map(Decision.CitationRef::id).distinct().toList();
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
        if (x.supervision() != null) {
            Decision.Supervision sv = ev.supervision();
            String lead = sv == null || sv.lead() == null ? "none" : sv.lead().id();
            if (!x.supervision().lead().equals(lead)) problems.add("supervision.lead: expected " + x.supervision().lead() + ", got " + lead);
            if (x.supervision().concerned() != null) {
                List<String> got = sv == null ? List.of() : sv.concerned().stream().map(Decision.AuthorityRef::id).sorted().toList();
                List<String> want = x.supervision().concerned().stream().sorted().toList();
                if (!want.equals(got)) problems.add("supervision.concerned: expected " + want + ", got " + got);
            }
        }
        x.fineTiers().forEach((rule, tier) -> {
            List<String> got = ev.reasons().stream().filter(r -> r.rule().equals(rule))
                    .map(r -> r.fineTier() == null ? "none" : r.fineTier()).distinct().toList();
            if (got.isEmpty()) problems.add("fineTiers: expected a reason of " + rule + ", there is none");
            else if (!got.contains(tier)) problems.add("fineTiers: expected " + rule + " at " + tier + ", got " + got);
        });
        if (x.exposure() != null) {
            String got = ev.exposure() == null ? "none" : ev.exposure().tier();
            if (!x.exposure().equals(got)) problems.add("exposure: expected " + x.exposure() + ", got " + got);
        }
        return problems;
    }
}
