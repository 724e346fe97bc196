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
 *   <li>{@code evaluator}: {@link Evaluator#evaluate}: request object to decision object;</li>
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
    List<Object> facts;
    List<Object> policyFacts;
    final ObjectMapper mapper = new ObjectMapper();

    @Setup
    public void setup() {
        Cases.serviceLogging();
        ruleset = RulesetCompiler.compile(Cases.rulesDir(), Cases.policiesDir());
        chosen = Cases.chosen(ruleset, request);
        facts = FactBuilder.facts(chosen.request(), ruleset.policies());
        policyFacts = List.copyOf(ruleset.policies().facts());
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
    public Evaluation evaluator() {
        return Evaluator.evaluate(ruleset, chosen.request());
    }

    @Benchmark
    public String pipeline() throws Exception {
        OperationRequest req = RequestReader.read(chosen.body());
        if (!RequestValidator.validate(req, ruleset.policies()).isEmpty()) throw new IllegalStateException("invalid");
        Evaluation ev = Evaluator.evaluate(ruleset, req);
        Decision d = new Decision(UUID.randomUUID().toString(), ev.outcome(), ev.outcome() == Decision.Outcome.ALLOW,
                req.asOf(), "2025-06-01T00:00:00Z", new Decision.RulesetRef(ruleset.version(), ruleset.digest()),
                ev.reasons(), ev.obligations(), ev.missing(), null);
        return mapper.writeValueAsString(req) + mapper.writeValueAsString(d);
    }
}
