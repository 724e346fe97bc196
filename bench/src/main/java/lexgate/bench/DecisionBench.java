package lexgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import lexgate.api.RequestReader;
import lexgate.decision.Decision;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.FactBuilder;
import lexgate.decision.OperationRequest;
import lexgate.decision.RequestValidator;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * In process, on the active rules and policies, for the small, typical and worst-case request:
 * <ul>
 *   <li>{@code floor}: the same compiled KieBase, a new session, the same facts (built once), fireAllRules, dispose;</li>
 *   <li>{@code floorWarm}: the same strategy the evaluator uses (see {@code lexgate.rules.Sessions}), on a
 *       bare session: one session holds the policy facts; per operation insert the request's facts,
 *       fireAllRules, delete them again and fire once more so the withdrawals settle. No listener,
 *       no agenda filter, no pool, no result assembly;</li>
 *   <li>{@code evaluator}: {@link Evaluator#evaluate}: request object to decision object (warm sessions);</li>
 *   <li>{@code evaluatorFresh}: the same on a new session per request, as before warm sessions;</li>
 *   <li>{@code pipeline}: what POST /v1/decisions does in process besides storage: parse the body,
 *       validate, evaluate, serialise the request and the response (as the service does to store them).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBench {

    @Param({"small", "typical", "worst"})
    public String request;

    Ruleset ruleset;
    Cases.Case chosen;
    /** The chosen request's body as sent: UTF-8. */
    byte[] body;
    /** The chosen request's evaluation, made once: {@link #pieces()} serialises it. */
    Evaluation evaluated;
    List<Object> facts;
    List<Object> policyFacts;
    Ruleset fresh;
    KieSession warm;
    final org.kie.api.runtime.rule.FactHandle[] handles = new org.kie.api.runtime.rule.FactHandle[64];
    /** As the service's mapper writes a decision: with its reasons, obligations and supervision remembered (DecisionJson). */
    final ObjectMapper mapper = lexgate.decision.DecisionJson.configure(new ObjectMapper());

    @Setup
    public void setup() {
        Cases.serviceLogging();
        ruleset = RulesetCompiler.compile(Cases.rulesDir(), Cases.policiesDir());
        chosen = Cases.chosen(ruleset, request);
        body = chosen.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        evaluated = Evaluator.evaluate(ruleset, chosen.request());
        facts = FactBuilder.facts(chosen.request(), ruleset.policies());
        policyFacts = List.copyOf(ruleset.policies().facts());
        fresh = ruleset.withFreshSessions();
        warm = ruleset.kieBase().newKieSession();
        for (Object f : policyFacts) warm.insert(f);
        if (warm.fireAllRules() != 0) throw new IllegalStateException("a rule fires on policy facts alone");
    }

    @org.openjdk.jmh.annotations.TearDown
    public void tearDown() {
        warm.dispose();
    }

    @Benchmark
    public int floor() {
        KieSession session = ruleset.kieBase().newKieSession();
        try {
            for (Object f : facts) session.insert(f);
            for (Object f : policyFacts) session.insert(f);
            return session.fireAllRules();
        } finally {
            session.dispose();
        }
    }

    @Benchmark
    public int floorWarm() {
        int n = facts.size();
        for (int i = 0; i < n; i++) handles[i] = warm.insert(facts.get(i));
        int fired = warm.fireAllRules();
        for (int i = 0; i < n; i++) warm.delete(handles[i]);
        warm.fireAllRules();
        return fired;
    }

    @Benchmark
    public Evaluation evaluatorFresh() {
        return Evaluator.evaluate(fresh, chosen.request());
    }

    @Benchmark
    public Evaluation evaluator() {
        return Evaluator.evaluate(ruleset, chosen.request());
    }

    /**
     * The evaluator's work on the calling thread, without the pool's hand-off (and so without its
     * budget): not a JMH benchmark; {@link Paired} times it to split the evaluator's gap to the floor.
     */
    public Evaluation evaluatorHere() {
        return lexgate.decision.BenchAccess.evaluateHere(ruleset, chosen.request());
    }

    /**
     * The request's and the response's JSON as UTF-8, as the service makes both for the record (no
     * concatenation: the service makes none; the bytes are the body, the digests and what PostgreSQL is sent).
     */
    public record Serialised(byte[] request, byte[] response) {}

    @Benchmark
    public Serialised pipeline() throws Exception {
        OperationRequest req = RequestReader.read(body); // the body's bytes, as the service reads them
        if (!RequestValidator.validate(req, ruleset.policies()).isEmpty()) throw new IllegalStateException("invalid");
        return serialised(req, Evaluator.evaluate(ruleset, req));
    }

    /**
     * The pipeline without its evaluation (the result setup made stands in for it): what the pieces
     * beside the evaluation cost when they run alone. Not a JMH benchmark; {@link Paired} times it to
     * split the pipeline's cost beyond the evaluation into the pieces' own time and the rest (the
     * evaluation and the pieces slowing each other down when they take turns on one core).
     */
    public Serialised pieces() throws Exception {
        OperationRequest req = RequestReader.read(body);
        if (!RequestValidator.validate(req, ruleset.policies()).isEmpty()) throw new IllegalStateException("invalid");
        return serialised(req, evaluated);
    }

    private Serialised serialised(OperationRequest req, Evaluation ev) throws java.io.IOException {
        Decision d = new Decision(UUID.randomUUID().toString(), ev.outcome(), ev.outcome() == Decision.Outcome.ALLOW,
                req.asOf(), "2025-06-01T00:00:00Z", new Decision.RulesetRef(ruleset.version(), ruleset.digest()),
                ev.reasons(), ev.obligations(), ev.missing(), null, "en", ev.supervision(), ev.exposure());
        // As the service does (DecisionService.prepare): both written as UTF-8, never as text.
        return new Serialised(lexgate.decision.DecisionJson.utf8(mapper, req), lexgate.decision.DecisionJson.utf8(mapper, d));
    }
}
