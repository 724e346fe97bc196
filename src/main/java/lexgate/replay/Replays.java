package lexgate.replay;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import lexgate.decision.Decision;
import lexgate.decision.DecisionJson;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.FieldError;
import lexgate.decision.OperationRequest;
import lexgate.decision.RequestValidator;
import lexgate.rules.Ruleset;
import lexgate.store.DecisionRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Shared by single replays and impact analysis: re-evaluate one stored decision and diff it. */
public final class Replays {
    private Replays() {}

    /** The result of re-evaluating one stored decision. */
    public record Outcome(Decision before, Evaluation after, DecisionDiff diff, String asOf) {}

    /** Re-evaluates a stored decision's request on the target ruleset (at another asOf, if given) and diffs it with what was stored. */
    static Outcome replay(ObjectMapper mapper, DecisionRecord rec, Ruleset target, String asOfOverride) {
        Read r = read(mapper, rec, asOfOverride);
        validate(r.request(), target);
        // In the language the decision was answered in: a replay compares what the rules say, not the language.
        Evaluation after = Evaluator.evaluate(target, r.request(), Evaluator.batchBudget(), r.stored().languageOrEnglish());
        return new Outcome(r.stored(), after, DecisionDiff.of(r.stored(), after), r.request().asOf());
    }

    /**
     * A replay under way, for an impact analysis: the stored decision read, its request validated,
     * and its evaluations handed to the evaluation pool, not yet waited for. The analysis starts the
     * next replay before it waits for this one, so that it reads and diffs while the pool evaluates,
     * and never spins for an answer while it has work of its own (a caller of
     * {@link Evaluator#evaluate} that waits spins first: about 15% of the service's CPU in an analysis
     * that ran every thread on two cores, measured with async-profiler on 2026-12-06).
     */
    record Pending(StoredHead head, String storedJson, OperationRequest request, Ruleset baseline,
                   CompletableFuture<Evaluation> before, CompletableFuture<Evaluation> after, ObjectMapper mapper) {
        /**
         * Waits for the evaluations and diffs them: with a baseline, "before" is what the baseline
         * (the active ruleset, say) answers today, not what was stored. Against the stored answer,
         * the stored text is read in full only when the replay does not say the same
         * ({@link #sameAsStored}).
         */
        Outcome outcome() {
            Evaluation a = Evaluator.await(after);
            if (baseline == null) {
                Decision same = sameAsStored(mapper, head, storedJson, a);
                Decision stored = same != null ? same : readStored(mapper, storedJson, head.decisionId());
                return new Outcome(stored, a, DecisionDiff.of(stored, a), request.asOf());
            }
            Evaluation b = Evaluator.await(before);
            String lang = head.languageOrEnglish();
            Decision was = b.decision(head.decisionId(), request.asOf(), null,
                    new Decision.RulesetRef(baseline.version(), baseline.digest()), lang);
            return new Outcome(was, a, DecisionDiff.of(was, a), request.asOf());
        }
    }

    /**
     * The members of a stored answer before its reasons, as written: what a replay's evaluation does
     * not decide. Null fields were absent; {@code complete} is false when a member this service does not
     * write came first, or the members were not in the order it writes them (then only
     * {@code decisionId} and {@code language} are used, and the stored text is read in full).
     */
    record StoredHead(String decisionId, String asOf, String evaluatedAt, Decision.RulesetRef ruleset, String language,
                      boolean complete) {
        String languageOrEnglish() {
            return language == null ? "en" : language;
        }
    }

    /** The members {@link Decision} writes before its reasons, in its order: read from its {@code @JsonPropertyOrder}, so they cannot drift apart. */
    private static final List<String> HEAD_ORDER = headOrder();

    private static List<String> headOrder() {
        List<String> all = List.of(Decision.class.getAnnotation(JsonPropertyOrder.class).value());
        return all.subList(0, all.indexOf("reasons"));
    }

    /**
     * Reads a stored answer's members up to its reasons with Jackson's streaming parser: a few hundred
     * bytes of a text of 5 to 20 KB, the rest is never tokenised here.
     */
    static StoredHead head(ObjectMapper mapper, String storedJson) {
        String id = null, asOf = null, at = null, lang = null, version = null, digest = null;
        boolean complete = true, ruleset = false;
        int last = -1;
        try (JsonParser p = mapper.getFactory().createParser(storedJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalStateException("not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (name.equals("reasons")) break;
                int position = HEAD_ORDER.indexOf(name);
                if (position <= last) complete = false;
                else last = position;
                JsonToken t = p.nextToken();
                switch (name) {
                    case "decisionId" -> id = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "asOf" -> asOf = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "evaluatedAt" -> at = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "language" -> lang = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "ruleset" -> {
                        ruleset = true;
                        if (t != JsonToken.START_OBJECT) {
                            complete = false;
                            p.skipChildren();
                            break;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String member = p.currentName();
                            JsonToken v = p.nextToken();
                            if (member.equals("version") && v == JsonToken.VALUE_STRING && version == null) version = p.getText();
                            else if (member.equals("digest") && v == JsonToken.VALUE_STRING && digest == null) digest = p.getText();
                            else {
                                complete = false;
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored decision cannot be read", e);
        }
        return new StoredHead(id, asOf, at, ruleset ? new Decision.RulesetRef(version, digest) : null, lang, complete);
    }

    /**
     * The stored answer, when a replay's evaluation says exactly what it said: the decision the
     * evaluation makes under the stored head, if its JSON, written as {@code POST /v1/decisions}
     * writes it ({@link DecisionJson#utf8}), is the stored text byte for byte; otherwise null.
     *
     * <p>Jackson writes a decision one way only, so a stored text equal to this decision's JSON reads
     * back as this decision, and its diff with the evaluation is empty without reading it. An impact
     * analysis mostly meets decisions its rules leave as they were, and reading the stored text
     * (8 KB for the typical request) was the largest part of its own threads' work (40% of their
     * samples, async-profiler, 2026-12-06); writing it again is a fraction of that, since the
     * reasons' JSON is remembered ({@link DecisionJson}). A text written otherwise (an earlier
     * version of the service, another member order) only takes the longer way: read in full, diffed.
     */
    static Decision sameAsStored(ObjectMapper mapper, StoredHead head, String storedJson, Evaluation after) {
        if (!head.complete()) return null;
        Decision d = after.decision(head.decisionId(), head.asOf(), head.evaluatedAt(), head.ruleset(), head.language());
        try {
            byte[] written = DecisionJson.utf8(mapper, d);
            return java.util.Arrays.equals(written, storedJson.getBytes(StandardCharsets.UTF_8)) ? d : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Starts the replay of a stored decision on the target ruleset, and on the baseline too unless
     * it is null (then "before" is the decision as stored). Throws {@link ReplayException} when the
     * stored request is not valid under either.
     */
    static Pending start(ObjectMapper mapper, DecisionRecord rec, Ruleset baseline, Ruleset target) {
        StoredHead head = head(mapper, rec.responseJson);
        OperationRequest request = readRequest(mapper, rec, null);
        if (baseline != null) validate(request, baseline);
        validate(request, target);
        String lang = head.languageOrEnglish();
        CompletableFuture<Evaluation> before = baseline == null ? null
                : Evaluator.evaluateAsync(baseline, request, Evaluator.batchBudget(), lang);
        CompletableFuture<Evaluation> after = Evaluator.evaluateAsync(target, request, Evaluator.batchBudget(), lang);
        return new Pending(head, rec.responseJson, request, baseline, before, after, mapper);
    }

    /** A stored decision as read: the answer stored and its request (with the asOf override, if any). */
    private record Read(Decision stored, OperationRequest request) {}

    private static Read read(ObjectMapper mapper, DecisionRecord rec, String asOfOverride) {
        return new Read(readStored(mapper, rec.responseJson, rec.id), readRequest(mapper, rec, asOfOverride));
    }

    private static Decision readStored(ObjectMapper mapper, String responseJson, String id) {
        try {
            return mapper.readValue(responseJson, Decision.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + id + " cannot be read", e);
        }
    }

    private static OperationRequest readRequest(ObjectMapper mapper, DecisionRecord rec, String asOfOverride) {
        try {
            OperationRequest req = mapper.readValue(rec.requestJson, OperationRequest.class);
            return asOfOverride == null ? req : req.withAsOf(asOfOverride);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + rec.id + " cannot be read", e);
        }
    }

    private static void validate(OperationRequest req, Ruleset rs) {
        List<FieldError> errors = RequestValidator.validate(req, rs.policies());
        if (!errors.isEmpty()) {
            throw new ReplayException(422, "the stored request is not valid under ruleset " + rs.digest() + ": "
                    + errors.stream().map(e -> e.field() + " " + e.message()).toList());
        }
    }
}
