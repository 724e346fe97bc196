package lexgate.decision;

import lexgate.policy.Citation;
import lexgate.rules.RuleEntry;
import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.vocabulary.Finding;
import lexgate.rules.Sessions;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.AgendaFilter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fires a ruleset on the facts of one request and assembles the result from the findings the rules
 * inserted, each with the metadata of the rule that inserted it. Only rules in force on {@code asOf}
 * may fire. Combination: any DENY gives DENY, else any REVIEW gives REVIEW, else ALLOW.
 */
public final class Evaluator {
    /** A ruleset that fires more often than this on one request is looping; the request goes to REVIEW. */
    static final int MAX_FIRINGS = 10_000;
    /** The id used for findings the engine itself makes when the rules could not conclude. */
    public static final String ENGINE_RULE = "lexgate.engine";

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Evaluator.class);
    private static final Comparator<Decision.Reason> REASON_ORDER = Comparator
            .comparingInt((Decision.Reason r) -> effectRank(r.effect()))
            .thenComparing(Decision.Reason::rule).thenComparing(Decision.Reason::explanation);
    private static final Comparator<Decision.Obligation> OBLIGATION_ORDER = Comparator.comparing(Decision.Obligation::action)
            .thenComparing(Decision.Obligation::rule).thenComparing(Decision.Obligation::explanation);
    private static final Comparator<Decision.CitationRef> CITATION_ORDER = Comparator.comparing(Decision.CitationRef::id);

    private Evaluator() {}

    /** One evaluation to make: a validated request (with {@code asOf} set) and the ruleset to evaluate it on. */
    record Work(Ruleset ruleset, OperationRequest request, String lang) {
        Work(Ruleset ruleset, OperationRequest request) {
            this(ruleset, request, "en");
        }
    }

    /**
     * Evaluates a validated request (with {@code asOf} set) against the ruleset, on the shared
     * {@link EvaluationPool} and within its budget; waits for the answer.
     */
    public static Evaluation evaluate(Ruleset ruleset, OperationRequest req) {
        EvaluationPool pool = EvaluationPool.shared();
        return pool.run(new Work(ruleset, req), pool.budget());
    }

    /**
     * The same with a budget of its own: scenario runs, validation and replays, which may meet a
     * ruleset no request has warmed yet, allow {@link #batchBudget()}.
     */
    public static Evaluation evaluate(Ruleset ruleset, OperationRequest req, java.time.Duration budget) {
        return EvaluationPool.shared().run(new Work(ruleset, req), budget);
    }

    /** The same, with explanations in the language. */
    public static Evaluation evaluate(Ruleset ruleset, OperationRequest req, java.time.Duration budget, String lang) {
        return EvaluationPool.shared().run(new Work(ruleset, req, lang), budget);
    }

    /** The system property that sets {@link #batchBudget()}, in milliseconds. */
    public static final String BATCH_BUDGET_PROPERTY = "lexgate.evaluation.batch-budget-ms";
    /** The default of {@link #batchBudget()}: five seconds, for the service. */
    public static final java.time.Duration DEFAULT_BATCH_BUDGET = java.time.Duration.ofSeconds(5);

    /**
     * The budget of one evaluation in scenario runs, validation, replays and evidence checks:
     * {@value #BATCH_BUDGET_PROPERTY} milliseconds, five seconds unless set. The command line sets a
     * minute (LexgateCli#offlineDefaults): there one cold JVM evaluates a few requests, maybe beside
     * other processes on a busy machine, and a wall-clock budget of five seconds could turn a
     * decision into the budget's REVIEW; a minute still stops a rule that never ends.
     */
    public static java.time.Duration batchBudget() {
        Long ms = Long.getLong(BATCH_BUDGET_PROPERTY);
        return ms != null && ms > 0 ? java.time.Duration.ofMillis(ms) : DEFAULT_BATCH_BUDGET;
    }

    /** The same, without waiting: the future completes with the evaluation, or with the budget's REVIEW. */
    public static java.util.concurrent.CompletableFuture<Evaluation> evaluateAsync(Ruleset ruleset, OperationRequest req) {
        return evaluateAsync(ruleset, req, "en");
    }

    /** The same, with explanations in the language ({@code en}, {@code fr} or {@code de}: the rules' translations). */
    public static java.util.concurrent.CompletableFuture<Evaluation> evaluateAsync(Ruleset ruleset, OperationRequest req, String lang) {
        return EvaluationPool.shared().submit(new Work(ruleset, req, lang));
    }

    /**
     * The same with a budget of its own, for a caller that has other work to do before it waits
     * (an impact analysis reads the next stored decision meanwhile): wait with {@link #await}.
     */
    public static java.util.concurrent.CompletableFuture<Evaluation> evaluateAsync(Ruleset ruleset, OperationRequest req,
                                                                                   java.time.Duration budget, String lang) {
        return EvaluationPool.shared().submit(new Work(ruleset, req, lang), budget);
    }

    /** Waits for an evaluation started with {@code evaluateAsync}; its failures rethrown as {@link #evaluate} throws them. */
    public static Evaluation await(java.util.concurrent.CompletableFuture<Evaluation> f) {
        return EvaluationPool.await(f);
    }

    /** The answer to an evaluation that ran past its budget: a person must decide. */
    static Evaluation overBudget(java.time.Duration budget, String lang) {
        return assemble(null, List.of(), Map.of(), Map.of(), engine("budget", lang).replace("{0}", Long.toString(budget.toMillis())),
                List.of(), lang);
    }

    /** Evaluates on the calling thread (a pool worker); {@code task} learns how to halt the session if it overruns. */
    static Evaluation evaluateNow(Work work, EvaluationPool.Task task) {
        Ruleset ruleset = work.ruleset();
        OperationRequest req = work.request();
        LocalDate asOf = LocalDate.parse(req.asOf());
        List<Object> facts = FactBuilder.facts(req, ruleset.policies());
        Sessions sessions = ruleset.sessions();
        // Every finding in working memory, with the rule that inserted it (its entry; null for a rule
        // the ruleset does not know): kept up to date from the session's events, so the findings
        // need no scan of working memory (policy facts included).
        Map<Object, RuleEntry> origin = new IdentityHashMap<>();
        Map<Object, List<String>> policyCites = new IdentityHashMap<>();
        // The rules that fired, as ranks in id order: a bit per firing, the ids sorted once per ruleset.
        BitSet fired = new BitSet();
        String failure = null;
        Sessions.Observer observer = new Sessions.Observer() {
            /** The match firing now: a finding inserted by its rule is caused by its facts. */
            org.kie.api.runtime.rule.Match current;

            @Override
            public void inserted(Object fact, Rule rule) {
                if (!(fact instanceof Finding)) return;
                origin.put(fact, sessions.entry(rule));
                if (current != null && current.getRule() == rule) {
                    List<String> ids = null;
                    for (Object o : current.getObjects()) {
                        if (o instanceof lexgate.vocabulary.Cited c && !c.getCitations().isEmpty()) {
                            if (ids == null) ids = new ArrayList<>();
                            ids.addAll(c.getCitations());
                        }
                    }
                    if (ids != null) policyCites.put(fact, ids);
                }
            }

            @Override
            public void fired(org.kie.api.runtime.rule.Match match) {
                current = match;
                RuleEntry e = sessions.entry(match.getRule());
                if (e != null) fired.set(e.rank());
            }

            @Override
            public void deleted(Object fact) {
                if (fact instanceof Finding) {
                    origin.remove(fact);
                    policyCites.remove(fact);
                }
            }
        };
        List<Finding> findings = new ArrayList<>();
        // A session with the policy facts already in it; closing it withdraws the request's facts.
        try (Sessions.Lease session = sessions.lease(observer)) {
            if (task != null) task.onAbort(session::halt);
            try {
                facts.forEach(session::insert);
                AgendaFilter inForce = match -> {
                    RuleEntry e = sessions.entry(match.getRule());
                    return e != null && e.meta().inForceOn(asOf);
                };
                int firings = session.fire(inForce, MAX_FIRINGS);
                if (firings >= MAX_FIRINGS) failure = engine("loop", work.lang()).replace("{0}", Integer.toString(firings));
                for (Object o : origin.keySet()) findings.add((Finding) o);
                assert sameObjects(findings, session.objects(o -> o instanceof Finding)) : "findings tracked from events differ from working memory";
            } catch (ThreadDeath d) {
                throw d; // the pool stopping a worker long abandoned to an overrun
            } catch (RuntimeException | Error e) {
                // An error thrown in a rule (StackOverflowError, an Error of its own) is the rule's
                // failure, not the service's: the answer is a person's review, never a 503.
                LOG.error("rule evaluation failed", e);
                failure = engine("failed", work.lang());
            }
        }
        return assemble(ruleset, findings, origin, policyCites, failure, sessions.ids(fired), work.lang());
    }

    private static Evaluation assemble(Ruleset ruleset, List<Finding> findings, Map<Object, RuleEntry> origin,
                                       Map<Object, List<String>> policyCites, String failure, List<String> fired, String lang) {
        List<Decision.Reason> reasons = new ArrayList<>();
        List<Decision.Obligation> obligations = new ArrayList<>();
        Map<String, Decision.Missing> missing = new LinkedHashMap<>();
        java.util.SortedSet<String> leads = new java.util.TreeSet<>();
        java.util.SortedSet<String> concerned = new java.util.TreeSet<>();
        java.util.Set<Decision.CitationRef> supervisionCites = new java.util.LinkedHashSet<>();
        if (failure != null) {
            // A failing ruleset never permits: the safe answer is a person's review.
            reasons.add(new Decision.Reason(ENGINE_RULE, "REVIEW", "EU", List.of(), failure));
        } else {
            for (Finding f : findings) {
                RuleEntry e = origin.get(f);
                if (e == null) continue; // not inserted by a rule the ruleset knows: ignore
                RuleMeta m = e.meta();
                // The rule's citations (resolved once per ruleset), then those of the policy values
                // its match held (a retention limit's CNIL source), each once.
                List<Decision.CitationRef> cites;
                List<String> fromPolicy = policyCites.get(f);
                if (fromPolicy == null) {
                    cites = refs(e.citations());
                } else {
                    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(m.citations());
                    all.addAll(fromPolicy);
                    List<Citation> resolved = new ArrayList<>(all.size());
                    for (String id : all) resolved.add(ruleset.policies().citation(id));
                    cites = refs(resolved);
                }
                switch (f.getEffect()) {
                    case OBLIGATION -> obligations.add(new Decision.Obligation(m.id(), f.getAction(), cites, text(m, f, lang)));
                    case LEAD_AUTHORITY -> { leads.add(f.getAction()); supervisionCites.addAll(cites); }
                    case CONCERNED_AUTHORITY -> { concerned.add(f.getAction()); supervisionCites.addAll(cites); }
                    default -> {
                        String tier = null;
                        if (f.getEffect() == lexgate.vocabulary.Finding.Effect.DENY && e.fineTier() != null) {
                            tier = e.fineTier().tier(); // null when the rule says @noFine (RuleEntry)
                        }
                        reasons.add(new Decision.Reason(m.id(), f.getEffect().name(), m.jurisdiction(), cites,
                                text(m, f, lang), tier));
                        if (f.getField() != null) {
                            missing.merge(f.getField(), new Decision.Missing(f.getField(), text(m, f, lang)),
                                    (a, b) -> a.reason().compareTo(b.reason()) <= 0 ? a : b);
                        }
                    }
                }
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(new Decision.Reason(ENGINE_RULE, "REVIEW", "EU", List.of(),
                    engine("none", lang)));
        }
        reasons.sort(REASON_ORDER);
        obligations.sort(OBLIGATION_ORDER);
        List<Decision.Missing> missingList = missing.values().stream()
                .sorted(Comparator.comparing(Decision.Missing::field)).toList();
        Decision.Outcome outcome = reasons.stream().anyMatch(r -> r.effect().equals("DENY")) ? Decision.Outcome.DENY
                : reasons.stream().anyMatch(r -> r.effect().equals("REVIEW")) ? Decision.Outcome.REVIEW
                : Decision.Outcome.ALLOW;
        Decision.Supervision supervision = failure == null ? supervision(ruleset, leads, concerned, supervisionCites) : null;
        Decision.Exposure exposure = failure == null ? exposure(ruleset, reasons) : null;
        return new Evaluation(outcome, dedupe(reasons), dedupe(obligations), missingList, fired, supervision, exposure);
    }

    /**
     * The authorities the rules named, in a stable order (by id): one lead (the first by id, should
     * rules name several; the others count as concerned), the concerned ones but the lead, and the
     * citations of the rules that named them. Null when no rule named any.
     */
    private static Decision.Supervision supervision(Ruleset ruleset, java.util.SortedSet<String> leads,
                                                    java.util.SortedSet<String> concerned,
                                                    java.util.Set<Decision.CitationRef> cites) {
        if (ruleset == null || leads.isEmpty() && concerned.isEmpty()) return null;
        String lead = leads.isEmpty() ? null : leads.first();
        java.util.SortedSet<String> others = new java.util.TreeSet<>(concerned);
        others.addAll(leads);
        if (lead != null) others.remove(lead);
        List<Decision.CitationRef> citations = cites.stream().distinct()
                .sorted(CITATION_ORDER).toList();
        return new Decision.Supervision(lead == null ? null : authority(ruleset, lead),
                others.stream().map(id -> authority(ruleset, id)).toList(), citations);
    }

    private static Decision.AuthorityRef authority(Ruleset ruleset, String id) {
        lexgate.vocabulary.Authority a = ruleset.policies().authority(id);
        return a == null ? new Decision.AuthorityRef(id, id, null) : new Decision.AuthorityRef(a.getId(), a.getName(), a.getCountry());
    }

    /** The highest Art. 83 tier among the DENY reasons (policies/fine-tiers.yaml), or null when none has one. */
    private static Decision.Exposure exposure(Ruleset ruleset, List<Decision.Reason> reasons) {
        if (ruleset == null) return null;
        lexgate.policy.FineTier best = null;
        for (Decision.Reason r : reasons) {
            if (!r.effect().equals("DENY") || r.fineTier() == null) continue;
            lexgate.policy.FineTier t = ruleset.policies().tier(r.fineTier());
            if (t != null && (best == null || t.rank() > best.rank())) best = t;
        }
        return best == null ? null : new Decision.Exposure(best.tier(), best.maximum());
    }

    /** The citations as a response names them. */
    private static List<Decision.CitationRef> refs(List<Citation> citations) {
        Decision.CitationRef[] out = new Decision.CitationRef[citations.size()];
        for (int i = 0; i < out.length; i++) {
            Citation c = citations.get(i);
            out[i] = new Decision.CitationRef(c.id(), c.label(), c.url());
        }
        return List.of(out);
    }

    /** The finding's explanation in the language: the rule's translation with the finding's values, else its English. */
    private static String text(RuleMeta m, Finding f, String lang) {
        return m.explanation(lang, f.getIndex(), f.getArgs(), f.getExplanation());
    }

    /** What the engine itself says when the rules could not conclude, in each language ({0}: a number). */
    private static final Map<String, Map<String, String>> ENGINE = Map.of(
            "none", Map.of("en", "No rule reached a conclusion on this operation; a person must decide.",
                    "fr", "Aucune règle n'a abouti à une conclusion sur ce traitement ; une personne doit décider.",
                    "de", "Keine Regel ist zu einem Ergebnis für diese Verarbeitung gekommen; ein Mensch muss entscheiden."),
            "budget", Map.of("en", "The rules did not conclude within the evaluation budget of {0} ms (lexgate.evaluation.budget); a person must decide.",
                    "fr", "Les règles n'ont pas conclu dans le délai d'évaluation de {0} ms (lexgate.evaluation.budget) ; une personne doit décider.",
                    "de", "Die Regeln sind nicht innerhalb des Auswertungsbudgets von {0} ms (lexgate.evaluation.budget) zu einem Ergebnis gekommen; ein Mensch muss entscheiden."),
            "loop", Map.of("en", "The rules fired {0} times without settling (a loop); a person must decide.",
                    "fr", "Les règles se sont déclenchées {0} fois sans se stabiliser (une boucle) ; une personne doit décider.",
                    "de", "Die Regeln wurden {0}-mal ausgelöst, ohne zur Ruhe zu kommen (eine Schleife); ein Mensch muss entscheiden."),
            "failed", Map.of("en", "A rule failed while evaluating this request; the service log has the details.",
                    "fr", "Une règle a échoué pendant l'évaluation de cette demande ; le journal du service en donne le détail.",
                    "de", "Eine Regel ist bei der Auswertung dieser Anfrage gescheitert; das Protokoll des Dienstes nennt die Einzelheiten."));

    private static String engine(String key, String lang) {
        Map<String, String> m = ENGINE.get(key);
        return m.getOrDefault(lang == null ? "en" : lang, m.get("en"));
    }

    /** For the assertion above (tests run with -ea): the same objects by identity, in any order. */
    private static boolean sameObjects(List<Finding> tracked, java.util.Collection<?> inMemory) {
        java.util.Set<Object> a = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        a.addAll(tracked);
        java.util.Set<Object> b = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        b.addAll(inMemory);
        return a.equals(b);
    }

    private static <T> List<T> dedupe(List<T> list) {
        return List.copyOf(new java.util.LinkedHashSet<>(list));
    }

    private static int effectRank(String effect) {
        return switch (effect) {
            case "DENY" -> 0;
            case "REVIEW" -> 1;
            default -> 2;
        };
    }
}
