package lexgate.decision;

import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.rules.Sessions;
import lexgate.scenario.Scenario;
import lexgate.scenario.ScenarioLoader;
import lexgate.scenario.ScenarioRunner;
import lexgate.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Warm sessions (policy facts inserted once, request facts withdrawn after each evaluation) must give
 * exactly the decisions a new session gives: every scenario beside the rules, in shuffled orders,
 * from one thread and from several at once.
 */
class WarmSessionsTest {
    static final Path RULES = Path.of("rules");
    static final Path POLICIES = Path.of("policies");

    @Test
    void everyScenarioDecidesTheSameOnWarmAndFreshSessions() throws Exception {
        Ruleset warm = RulesetCompiler.compile(RULES, POLICIES);
        Ruleset fresh = warm.withFreshSessions();
        Map<String, OperationRequest> requests = requests(warm);
        assertTrue(requests.size() > 200, "scenarios found: " + requests.size());

        Map<String, Evaluation> expected = new LinkedHashMap<>();
        requests.forEach((label, req) -> expected.put(label, Evaluator.evaluate(fresh, req, Evaluator.batchBudget())));
        assertEquals(Boolean.FALSE, fresh.sessions().reused());
        assertEquals(0, fresh.sessions().idleSessions());

        List<String> labels = new ArrayList<>(requests.keySet());
        Random random = new Random(20261128);
        for (int round = 0; round < 3; round++) {
            Collections.shuffle(labels, random);
            for (String label : labels) {
                assertEquals(expected.get(label), Evaluator.evaluate(warm, requests.get(label), Evaluator.batchBudget()), label + " (round " + round + ")");
            }
        }
        assertEquals(Boolean.TRUE, warm.sessions().reused(), "the shipped rules are served from warm sessions");
        assertEquals(1, warm.sessions().idleSessions(), "one thread reuses one session");

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                List<String> order = new ArrayList<>(labels);
                Collections.shuffle(order, new Random(t));
                done.add(pool.submit(() -> {
                    for (String label : order) {
                        assertEquals(expected.get(label), Evaluator.evaluate(warm, requests.get(label), Evaluator.batchBudget()), label + " (concurrent)");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertTrue(warm.sessions().idleSessions() >= 1 && warm.sessions().idleSessions() <= 6);
    }

    @Test
    void aRuleMatchingPolicyDataAloneTurnsReuseOff(@TempDir Path tmp) throws Exception {
        Ruleset warm = withRule(tmp, "policy-only", """
                    Country(code == "FR")
                then
                    insertLogical(Finding.review("France is listed."));""");
        Ruleset fresh = warm.withFreshSessions();
        Map<String, OperationRequest> requests = requests(warm);
        for (int round = 0; round < 2; round++) {
            for (var e : requests.entrySet()) {
                Evaluation w = Evaluator.evaluate(warm, e.getValue(), Evaluator.batchBudget());
                assertEquals(Evaluator.evaluate(fresh, e.getValue(), Evaluator.batchBudget()), w, e.getKey());
                assertTrue(w.firedRules().contains("test.policy-only"), e.getKey() + ": fires on every request");
            }
        }
        assertEquals(Boolean.FALSE, warm.sessions().reused());
        assertEquals(0, warm.sessions().idleSessions());
    }

    @Test
    void aSessionARuleLeftDirtyIsNotReused(@TempDir Path tmp) throws Exception {
        // A plain insert (not insertLogical) outlives the request's facts: the session must not go back.
        Ruleset warm = withRule(tmp, "sticky", """
                    Operation(purpose == "direct-marketing")
                then
                    insert(Finding.review("Sticky."));""");
        Ruleset fresh = warm.withFreshSessions();
        Map<String, OperationRequest> requests = requests(warm);
        OperationRequest marketing = null;
        for (int round = 0; round < 2; round++) {
            for (var e : requests.entrySet()) {
                // A sticky finding left in a reused session would show in every later decision.
                Evaluation w = Evaluator.evaluate(warm, e.getValue(), Evaluator.batchBudget());
                assertEquals(Evaluator.evaluate(fresh, e.getValue(), Evaluator.batchBudget()), w, e.getKey());
                if (w.firedRules().contains("test.sticky")) marketing = e.getValue();
            }
        }
        assertTrue(marketing != null, "some scenario has purpose direct-marketing");
        assertEquals(Boolean.TRUE, warm.sessions().reused());

        // The same, counted on this thread alone (the pool's workers are idle by now): the session the
        // sticky rule dirtied is disposed, not returned; a clean one is returned.
        Sessions sessions = warm.sessions();
        int before = sessions.idleSessions();
        try (Sessions.Lease lease = sessions.lease(null)) {
            FactBuilder.facts(marketing, warm.policies()).forEach(lease::insert);
            lease.fire(m -> true, 10_000);
        }
        assertEquals(Math.max(0, before - 1), sessions.idleSessions(), "dirty session disposed");
        try (Sessions.Lease lease = sessions.lease(null)) {
            lease.fire(m -> true, 10_000);
        }
        assertEquals(Math.max(1, before - 1), sessions.idleSessions(), "clean session returned");
    }

    /** The shipped rules plus one rule {@code test.<name>} with the given body (from its conditions to its consequence). */
    private static Ruleset withRule(Path tmp, String name, String body) throws java.io.IOException {
        Path rules = Trees.copy(RULES, tmp.resolve("rules"));
        Files.writeString(rules.resolve("eu/gdpr/art5/" + name + ".drl"), """
                package eu.gdpr.art5;

                import lexgate.vocabulary.*;

                rule "%s"
                    @id("test.%s")
                    @cite("eu-gdpr:A5-1-c")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                %s
                end
                """.formatted(name, name, body));
        // Behind the walls: a plain insert is not something a rule file may say any more; the
        // sessions must still never be reused dirty if such a rule ever got through.
        return lexgate.rules.PlantedRules.compileBehindTheWalls(rules, POLICIES);
    }

    /** The shipped scenarios' requests that validate, by label (also used by EvaluationHandOffTest). */
    static Map<String, OperationRequest> requests(Ruleset ruleset) {
        Map<String, OperationRequest> out = new LinkedHashMap<>();
        for (Scenario s : ScenarioLoader.load(Path.of("."), RULES)) {
            OperationRequest r;
            try {
                r = ScenarioRunner.request(s);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (RequestValidator.validate(r, ruleset.policies()).isEmpty()) out.put(s.label(), r);
        }
        assertFalse(out.isEmpty());
        return out;
    }
}
