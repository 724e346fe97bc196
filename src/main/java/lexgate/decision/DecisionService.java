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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import io.smallrye.mutiny.infrastructure.Infrastructure;

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
        try {
            return decideAsync(request, caller, Runnable::run).toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * Validates on the calling thread, evaluates on the {@link EvaluationPool} within its budget,
     * then queues the record for the decision writer; the stage completes with the decision once its
     * record is committed, or fails with {@link StorageUnavailableException} (or
     * {@link EvaluationPool.Overloaded}). Invalid requests throw at once, before anything is queued.
     * Nothing here blocks the caller (the first decision of a ruleset that is not yet stored waits
     * for that on a worker thread). The decision's log line and the stage's completion run on
     * {@code after}, so that the single writer thread, which commits every decision, does no more
     * than commit.
     */
    public CompletionStage<Decided> decideAsync(OperationRequest request, lexgate.security.Caller caller, Executor after) {
        Ruleset ruleset = rules.get();
        List<FieldError> errors = RequestValidator.validate(request, ruleset.policies());
        if (!errors.isEmpty()) throw new InvalidRequestException(errors);
        OperationRequest evaluated = request.asOf() != null ? request
                : request.withAsOf(LocalDate.now(ZoneOffset.UTC).toString());
        long start = System.nanoTime();
        // Tell the writer a decision is on its way, so that a commit starting meanwhile may wait for
        // it; withdrawn just before the record is queued (or if it never will be).
        store.announce();
        CompletableFuture<Prepared> prepared;
        try {
            // Evaluated on the evaluation pool, within its budget, never on this (I/O) thread.
            prepared = Evaluator.evaluateAsync(ruleset, evaluated)
                    .thenApply(ev -> prepare(ruleset, evaluated, ev, caller, start));
        } catch (RuntimeException e) {
            store.withdraw();
            throw e;
        }
        CompletableFuture<Prepared> queued = prepared.whenComplete((p, e) -> store.withdraw());
        CompletableFuture<Prepared> stored = queued.thenCompose(p -> {
            if (rulesets.isStored(p.ruleset())) return store(p.record()).thenApply(v -> p);
            // The ruleset's row must exist before a decision refers to it: a blocking write, once per ruleset.
            return CompletableFuture.runAsync(() -> rulesets.ensureStored(p.ruleset(), "active"), Infrastructure.getDefaultWorkerPool())
                    .thenCompose(v -> store(p.record())).thenApply(v -> p);
        });
        return stored.handleAsync((p, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof EvaluationPool.Overloaded o) throw o;
                LOG.warnf("decision NOT stored (storage unavailable): %s", cause.getClass().getSimpleName());
                throw new StorageUnavailableException(cause);
            }
            if (LOG.isInfoEnabled()) {
                // Concatenated, not infof: java.util.Formatter was 8% of a decision's own CPU time.
                LOG.info("decision " + p.decision().decisionId() + " outcome=" + p.decision().outcome() + " ruleset="
                        + p.ruleset().digest() + " client=" + caller.id() + " evalMicros=" + p.record().durationMicros
                        + " totalMicros=" + (System.nanoTime() - p.start()) / 1_000);
            }
            return new Decided(p.decision(), p.record().responseJson);
        }, after);
    }

    /** A decision made and serialised, not yet stored; {@code start} is when its evaluation began (nanoTime). */
    private record Prepared(Ruleset ruleset, Decision decision, DecisionRecord record, long start) {}

    /** Gives the evaluation an id and time and serialises the record: everything but storing. */
    private Prepared prepare(Ruleset ruleset, OperationRequest evaluated, Evaluation ev, lexgate.security.Caller caller, long start) {
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
        return new Prepared(ruleset, decision, record, start);
    }

    private CompletableFuture<Void> store(DecisionRecord record) {
        try {
            return store.append(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
