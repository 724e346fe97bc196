package lexgate.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.FieldError;
import lexgate.decision.OperationRequest;
import lexgate.decision.RequestValidator;
import lexgate.rules.Ruleset;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Evaluates scenarios in process against a ruleset, without the service or a database. */
public final class ScenarioRunner {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ScenarioRunner() {}

    /** The result of one scenario: the evaluation (null if the request is invalid) and the problems found. */
    public record Result(Scenario scenario, Evaluation evaluation, List<String> problems) {
        /** True when the scenario passed. */
        public boolean passed() { return problems.isEmpty(); }
    }

    /** The scenario's request as the service would evaluate it (asOf defaults to today, UTC). */
    public static OperationRequest request(Scenario s) {
        try {
            OperationRequest r = MAPPER.treeToValue(s.request(), OperationRequest.class);
            return r.asOf() != null ? r : r.withAsOf(LocalDate.now(ZoneOffset.UTC).toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(s.label() + ": request does not follow the contract: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * What is wrong with the scenario's request against the policies (unknown codes, missing fields),
     * each located at the line where the field was written.
     */
    public static List<String> requestProblems(Scenario s, OperationRequest req, lexgate.policy.PolicySet policies) {
        List<FieldError> errors = RequestValidator.validate(req, policies);
        return errors.stream().map(e -> s.where(e.field()) + ": request." + e.field() + " " + e.message()).toList();
    }

    /** Runs one scenario. */
    public static Result run(Ruleset ruleset, Scenario s) {
        OperationRequest req;
        try {
            req = request(s);
        } catch (IllegalArgumentException e) {
            return new Result(s, null, List.of(e.getMessage()));
        }
        List<String> invalid = requestProblems(s, req, ruleset.policies());
        if (!invalid.isEmpty()) return new Result(s, null, invalid);
        Evaluation ev = Evaluator.evaluate(ruleset, req, Evaluator.batchBudget());
        return new Result(s, ev, ScenarioCheck.check(s, ev));
    }
}
