package lexgate.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.Ruleset;
import lexgate.store.DecisionRecord;
import lexgate.store.DecisionStore;
import lexgate.store.RulesetStore;
import lexgate.store.StorageUnavailableException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Makes a decision end to end: validates the request against the active ruleset's policies,
 * evaluates it, and commits the record before the decision is returned to anyone.
 */
@ApplicationScoped
public class DecisionService {
    private static final Logger LOG = Logger.getLogger("lexgate.decisions");

    @Inject
    ActiveRuleset rules;

    @Inject
    DecisionStore store;

    @Inject
    RulesetStore rulesets;

    @Inject
    ObjectMapper mapper;

    /** A committed decision and the exact JSON body that was stored for it (and is sent back). */
    public record Decided(Decision decision, String json) {}

    /** Validates, evaluates and stores for the given client; the returned decision is committed. */
    public Decided decide(OperationRequest request, lexgate.security.Caller caller) {
        Ruleset ruleset = rules.get();
        List<FieldError> errors = RequestValidator.validate(request, ruleset.policies());
        if (!errors.isEmpty()) throw new InvalidRequestException(errors);
        OperationRequest evaluated = request.asOf() != null ? request
                : request.withAsOf(LocalDate.now(ZoneOffset.UTC).toString());
        long start = System.nanoTime();
        Evaluation ev = Evaluator.evaluate(ruleset, evaluated);
        long micros = (System.nanoTime() - start) / 1_000;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Decision decision = new Decision(DecisionIds.next(now), ev.outcome(),
                ev.outcome() == Decision.Outcome.ALLOW, evaluated.asOf(), now.toString(),
                new Decision.RulesetRef(ruleset.version(), ruleset.digest()), ev.reasons(), ev.obligations(),
                ev.missing(), null);
        DecisionRecord record = new DecisionRecord();
        record.id = decision.decisionId();
        record.evaluatedAt = now;
        record.asOf = LocalDate.parse(evaluated.asOf());
        record.operationId = evaluated.operationId();
        record.purpose = evaluated.purpose().code();
        record.outcome = decision.outcome().name();
        record.rulesetDigest = ruleset.digest();
        record.rulesetVersion = ruleset.version();
        record.durationMicros = micros;
        record.client = caller.id();
        try {
            record.requestJson = mapper.writeValueAsString(evaluated);
            record.responseJson = mapper.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a decision", e);
        }
        try {
            rulesets.ensureStored(ruleset, "active");
            store.insert(record);
        } catch (RuntimeException e) {
            LOG.warnf("decision %s NOT stored (storage unavailable): %s", decision.decisionId(), e.getClass().getSimpleName());
            throw new StorageUnavailableException(e);
        }
        if (LOG.isInfoEnabled()) {
            // Concatenated, not infof: java.util.Formatter was 8% of a decision's own CPU time.
            LOG.info("decision " + decision.decisionId() + " outcome=" + decision.outcome() + " ruleset=" + ruleset.digest()
                    + " client=" + caller.id() + " evalMicros=" + micros + " totalMicros=" + (System.nanoTime() - start) / 1_000);
        }
        return new Decided(decision, record.responseJson);
    }
}
