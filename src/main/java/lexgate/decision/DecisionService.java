package lexgate.decision;

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
    ServiceMetrics metrics;

    @Inject
    LiveTraffic traffic;

    @Inject
    ActiveRuleset rules;

    @Inject
    DecisionStore store;

    @Inject
    RulesetStore rulesets;

    @Inject
    ObjectMapper mapper;

    /**
     * A committed decision and the exact JSON body that was stored for it (and is sent back);
     * {@code replayed} when a retry got the first answer. The body is {@code utf8} when it was made
     * here (a new decision, or a concurrent retry of one: {@code json} is then null), else
     * {@code json} as read back.
     */
    public record Decided(String decisionId, String json, boolean replayed, Decision decision, byte[] utf8) {
        /** A new decision, its body as serialised. */
        Decided(Decision decision, byte[] utf8) {
            this(decision.decisionId(), null, false, decision, utf8);
        }

        /** A decision made before, answered again to a retry (its body as stored). */
        Decided(String decisionId, String json, boolean replayed) {
            this(decisionId, json, replayed, null, null);
        }

        /** The body to send: the bytes made for a new decision's digest, not encoded a second time, or the stored text. */
        public byte[] body() {
            return utf8 != null ? utf8 : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A retry's key and the SHA-256 (hex) of the body it came with. */
    public record Idempotency(String key, String bodySha) {}

    /** The same Idempotency-Key was used before by this client with another body: 422 naming the header. */
    public static final class IdempotencyConflict extends RuntimeException {
        public IdempotencyConflict() {
            super("this Idempotency-Key was used before with a different request body", null, false, false);
        }
    }

    /** Retries in flight on this instance, by client and key: a concurrent retry waits for the first. */
    private final java.util.concurrent.ConcurrentHashMap<String, InFlight> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    private record InFlight(String bodySha, CompletableFuture<Decided> done) {}

    /**
     * Like {@link #decideAsync}, for a request with an Idempotency-Key: a repeat of the same key with the
     * same body, by the same client, answers the decision first made for it and stores nothing new;
     * with another body it fails with {@link IdempotencyConflict}. Concurrent repeats on one instance
     * wait for the first; across instances the database's unique key (client, key) decides, and the
     * loser answers with the winner's decision. Looking the key up may block: runs off the I/O thread.
     */
    public CompletionStage<Decided> decideIdempotent(OperationRequest request, String client, Idempotency idem,
                                                   String lang, Executor after) {
        String slot = client + "\u0000" + idem.key();
        CompletableFuture<Decided> mine = new CompletableFuture<>();
        InFlight existing = inFlight.putIfAbsent(slot, new InFlight(idem.bodySha(), mine));
        if (existing != null) {
            if (!existing.bodySha().equals(idem.bodySha())) return CompletableFuture.failedFuture(new IdempotencyConflict());
            return existing.done().thenApply(d -> new Decided(d.decisionId(), d.json(), true, null, d.utf8()));
        }
        CompletableFuture<Decided> result = CompletableFuture.supplyAsync(() -> stored(client, idem), Infrastructure.getDefaultWorkerPool())
                .thenCompose(found -> found.isPresent() ? CompletableFuture.completedFuture(found.get())
                        : decideAsync(request, client, idem, lang, after).toCompletableFuture()
                        .exceptionallyCompose(e -> {
                            // Another instance stored the same key first: answer with its decision.
                            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                            if (cause instanceof StorageUnavailableException && DecisionStore.rejectedData(cause)) {
                                return CompletableFuture.supplyAsync(() -> stored(client, idem), Infrastructure.getDefaultWorkerPool())
                                        .thenCompose(again -> again.map(CompletableFuture::completedFuture)
                                                .orElseGet(() -> CompletableFuture.failedFuture(cause)));
                            }
                            return CompletableFuture.failedFuture(cause);
                        }));
        result.whenComplete((d, e) -> {
            inFlight.remove(slot);
            if (e != null) mine.completeExceptionally(e);
            else mine.complete(d);
        });
        return result;
    }

    /** The decision already stored for this client and key, if any; throws {@link IdempotencyConflict} for another body. */
    private java.util.Optional<Decided> stored(String client, Idempotency idem) {
        java.util.Optional<DecisionRecord> r;
        try {
            r = store.findByIdempotencyKey(client, idem.key());
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        if (r.isEmpty()) return java.util.Optional.empty();
        if (!idem.bodySha().equals(r.get().idempotencySha)) throw new IdempotencyConflict();
        return java.util.Optional.of(new Decided(r.get().id, r.get().responseJson, true));
    }

    /** Validates, evaluates and stores for the given client; the returned decision is committed. */
    public Decided decide(OperationRequest request, String client) {
        try {
            return decideAsync(request, client, Runnable::run).toCompletableFuture().join();
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
    public CompletionStage<Decided> decideAsync(OperationRequest request, String client, Executor after) {
        return decideAsync(request, client, null, "en", after);
    }

    /** The same, with explanations in the language ({@code en}, {@code fr} or {@code de}). */
    public CompletionStage<Decided> decideAsync(OperationRequest request, String client, String lang, Executor after) {
        return decideAsync(request, client, null, lang, after);
    }

    private CompletionStage<Decided> decideAsync(OperationRequest request, String client, Idempotency idem,
                                                String lang, Executor after) {
        traffic.seen(); // background work (impact analyses) steps back while live requests come
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
            prepared = Evaluator.evaluateAsync(ruleset, evaluated, lang)
                    .thenApply(ev -> prepare(ruleset, evaluated, ev, client, start, idem, lang));
        } catch (RuntimeException e) {
            store.withdraw();
            throw e;
        }
        CompletableFuture<Prepared> queued = prepared.whenComplete((p, e) -> store.withdraw());
        CompletableFuture<Prepared> stored = queued.thenCompose(p -> {
            if (rulesets.isStored(p.ruleset())) return store(p).thenApply(v -> p);
            // The ruleset's row must exist before a decision refers to it: a blocking write, once per ruleset.
            // Activation stores it (ActiveRuleset.recordActivation); this set lookup stays on the decision
            // path for the one case activation cannot cover: a ruleset activated while the database was
            // down, whose decisions must still not refer to a row that is not there.
            return CompletableFuture.runAsync(() -> rulesets.ensureStored(p.ruleset(), "active"), Infrastructure.getDefaultWorkerPool())
                    .thenCompose(v -> store(p)).thenApply(v -> p);
        });
        return stored.handleAsync((p, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof EvaluationPool.Overloaded o) throw o;
                if (cause instanceof IdempotencyConflict c) throw c;
                LOG.warnf("decision NOT stored (storage unavailable): %s", cause.getClass().getSimpleName());
                metrics.notStored();
                throw cause instanceof StorageUnavailableException su ? su : new StorageUnavailableException(cause);
            }
            metrics.decided(p.decision().outcome().name(), p.ruleset().version(), p.record().durationMicros);
            if (LOG.isInfoEnabled()) {
                // Concatenated, not infof: java.util.Formatter was 8% of a decision's own CPU time.
                LOG.info("decision " + p.decision().decisionId() + " outcome=" + p.decision().outcome() + " ruleset="
                        + p.ruleset().digest() + " client=" + client + " evalMicros=" + p.record().durationMicros
                        + " totalMicros=" + (System.nanoTime() - p.start()) / 1_000);
            }
            return new Decided(p.decision(), p.record().responseUtf8);
        }, after);
    }

    /**
     * A decision made and serialised, not yet stored; {@code start} is when its evaluation began
     * (nanoTime). Its record's response JSON, as UTF-8, is hashed for the chain, sent to the
     * database and sent as the body as it is.
     */
    private record Prepared(Ruleset ruleset, Decision decision, DecisionRecord record, long start) {}

    /** Gives the evaluation an id and time and serialises the record: everything but storing. */
    private Prepared prepare(Ruleset ruleset, OperationRequest evaluated, Evaluation ev, String client, long start,
                             Idempotency idem, String lang) {
        long micros = (System.nanoTime() - start) / 1_000;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Decision decision = ev.decision(DecisionIds.next(now), evaluated.asOf(), now.toString(),
                new Decision.RulesetRef(ruleset.version(), ruleset.digest()), lang);
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
        record.client = client;
        record.rules = rulesOf(decision);
        record.citations = citationsOf(decision);
        // What a search lists, so that a page reads no JSON (V7__decision_listing.sql).
        record.listedController = evaluated.controller() == null ? null : evaluated.controller().name();
        record.listedRules = lexgate.store.ListedValues.joinRules(record.rules);
        if (idem != null) {
            record.idempotencyKey = idem.key();
            record.idempotencySha = idem.bodySha();
        }
        try {
            // Written as UTF-8 and never as a String: the bytes are hashed for the chain, sent to
            // PostgreSQL (DecisionRows.INSERT_UTF8) and sent as the body, so the text is neither made
            // nor encoded on this path (each of those encoded it before). Only H2's writer decodes it
            // (DecisionRecord.requestText), as the text its driver takes.
            record.requestUtf8 = DecisionJson.utf8(mapper, evaluated);
            record.responseUtf8 = DecisionJson.utf8(mapper, decision);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialise a decision", e);
        }
        return new Prepared(ruleset, decision, record, start);
    }

    /** The distinct rule ids of a decision's reasons, then its obligations (the search index: decision_term). */
    public static List<String> rulesOf(Decision d) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (d.reasons() != null) d.reasons().forEach(r -> out.add(r.rule()));
        if (d.obligations() != null) d.obligations().forEach(o -> out.add(o.rule()));
        out.remove(null);
        return List.copyOf(out);
    }

    /** The distinct citation ids of a decision's reasons and obligations (the search index: decision_term). */
    public static List<String> citationsOf(Decision d) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (d.reasons() != null) d.reasons().forEach(r -> { if (r.citations() != null) r.citations().forEach(c -> out.add(c.id())); });
        if (d.obligations() != null) d.obligations().forEach(o -> { if (o.citations() != null) o.citations().forEach(c -> out.add(c.id())); });
        out.remove(null);
        return List.copyOf(out);
    }

    private CompletableFuture<Void> store(Prepared p) {
        try {
            return store.append(p.record());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
