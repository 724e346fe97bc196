package lexgate.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lexgate.decision.Decision;
import lexgate.decision.DecisionJson;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.OperationRequest;
import lexgate.decision.RequestValidator;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.scenario.Scenario;
import lexgate.scenario.ScenarioLoader;
import lexgate.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An impact analysis reads a stored answer in full only when its replay says something else
 * ({@link Replays#sameAsStored}): for every shipped scenario in three languages, the shortcut gives
 * the diff that reading the stored text gives, never finds "the same" where the rules now say
 * otherwise, and leaves a text written in another shape to the full reading.
 */
class StoredAnswerTest {
    static final ObjectMapper MAPPER = DecisionJson.configure(new ObjectMapper());
    static Ruleset ruleset;
    static List<Stored> stored;

    /** A decision as POST /v1/decisions stores it: its request, the text of its answer, its language. */
    record Stored(OperationRequest request, String json, String lang) {}

    @BeforeAll
    static void store() throws Exception {
        ruleset = RulesetCompiler.compile(Path.of("rules"), Path.of("policies"));
        stored = new ArrayList<>();
        for (String lang : List.of("en", "fr", "de")) {
            for (OperationRequest r : requests()) stored.add(new Stored(r, answer(r, "d-" + stored.size(), lang), lang));
        }
    }

    /** The shipped scenarios' requests that validate. */
    static List<OperationRequest> requests() {
        List<OperationRequest> out = new ArrayList<>();
        for (Scenario s : ScenarioLoader.load(Path.of("."), Path.of("rules"))) {
            OperationRequest r;
            try {
                r = ScenarioRunner.request(s);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (RequestValidator.validate(r, ruleset.policies()).isEmpty()) out.add(r);
        }
        return out;
    }

    /** The stored text of a decision, written as DecisionService.prepare writes it. */
    static String answer(OperationRequest req, String id, String lang) throws Exception {
        Evaluation ev = Evaluator.evaluate(ruleset, req, Evaluator.batchBudget(), lang);
        Decision d = new Decision(id, ev.outcome(), ev.outcome() == Decision.Outcome.ALLOW, req.asOf(),
                "2026-12-06T10:15:30.125Z", new Decision.RulesetRef(ruleset.version(), ruleset.digest()), ev.reasons(),
                ev.obligations(), ev.missing(), null, lang, ev.supervision(), ev.exposure());
        return new String(DecisionJson.utf8(MAPPER, d), StandardCharsets.UTF_8);
    }

    static Decision read(String json) throws Exception {
        return MAPPER.readValue(json, Decision.class);
    }

    @Test
    void aReplayThatSaysTheSameIsKnownWithoutReadingTheStoredText() throws Exception {
        assertTrue(stored.size() > 150, "the shipped scenarios in three languages");
        for (Stored s : stored) {
            Replays.StoredHead head = Replays.head(MAPPER, s.json());
            assertTrue(head.complete(), s.json());
            Decision full = read(s.json());
            assertEquals(new Replays.StoredHead(full.decisionId(), full.asOf(), full.evaluatedAt(), full.ruleset(), s.lang(), true), head);
            // A new evaluation: other instances, equal values.
            Evaluation again = Evaluator.evaluate(ruleset, s.request(), Evaluator.batchBudget(), s.lang());
            Decision same = Replays.sameAsStored(MAPPER, head, s.json(), again);
            assertNotNull(same, full.decisionId());
            assertEquals(full, same, "what the stored text reads back as");
            DecisionDiff diff = DecisionDiff.of(same, again);
            assertEquals(DecisionDiff.of(full, again), diff);
            assertFalse(diff.changed());
        }
    }

    @Test
    void aReplayThatSaysOtherwiseIsNeverTakenForTheSame() throws Exception {
        int changed = 0;
        for (int i = 0; i < stored.size(); i++) {
            Stored s = stored.get(i), other = stored.get((i + 1) % stored.size());
            Evaluation otherwise = Evaluator.evaluate(ruleset, other.request(), Evaluator.batchBudget(), s.lang());
            DecisionDiff full = DecisionDiff.of(read(s.json()), otherwise);
            if (!full.changed()) continue;
            changed++;
            assertNull(Replays.sameAsStored(MAPPER, Replays.head(MAPPER, s.json()), s.json(), otherwise), s.json());
        }
        assertTrue(changed > 100, "pairs of scenarios whose answers differ: " + changed);
        // Only the explanation's language differs: not the same text either.
        Stored en = stored.get(0);
        Evaluation inFrench = Evaluator.evaluate(ruleset, en.request(), Evaluator.batchBudget(), "fr");
        assertNull(Replays.sameAsStored(MAPPER, Replays.head(MAPPER, en.json()), en.json(), inFrench));
    }

    @Test
    void aTextWrittenInAnotherShapeIsReadInFull() throws Exception {
        Stored s = stored.get(3);
        Evaluation again = Evaluator.evaluate(ruleset, s.request(), Evaluator.batchBudget(), s.lang());
        ObjectNode tree = (ObjectNode) MAPPER.readTree(s.json());

        // Indented: the same members in the same order, other bytes.
        String pretty = MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
        assertTrue(Replays.head(MAPPER, pretty).complete());
        assertNull(Replays.sameAsStored(MAPPER, Replays.head(MAPPER, pretty), pretty, again));

        // Language before the id, or a member this service does not write: the head is not complete.
        ObjectNode reordered = MAPPER.createObjectNode().put("language", s.lang());
        tree.fields().forEachRemaining(f -> { if (!f.getKey().equals("language")) reordered.set(f.getKey(), f.getValue()); });
        Replays.StoredHead h = Replays.head(MAPPER, MAPPER.writeValueAsString(reordered));
        assertFalse(h.complete());
        assertEquals(s.lang(), h.language());
        assertEquals(read(s.json()).decisionId(), h.decisionId());
        ObjectNode extra = MAPPER.createObjectNode();
        tree.fields().forEachRemaining(f -> {
            if (f.getKey().equals("reasons")) extra.put("note", "a member this service does not write");
            extra.set(f.getKey(), f.getValue());
        });
        String extraText = MAPPER.writeValueAsString(extra);
        assertFalse(Replays.head(MAPPER, extraText).complete());
        assertNull(Replays.sameAsStored(MAPPER, Replays.head(MAPPER, extraText), extraText, again));

        // A decision stored before languages existed (no language member): still the same, in English.
        Stored en = stored.get(0);
        ObjectNode old = (ObjectNode) MAPPER.readTree(en.json());
        old.remove("language");
        String oldText = MAPPER.writeValueAsString(old);
        Replays.StoredHead oldHead = Replays.head(MAPPER, oldText);
        assertTrue(oldHead.complete());
        assertNull(oldHead.language());
        assertEquals("en", oldHead.languageOrEnglish());
        Evaluation inEnglish = Evaluator.evaluate(ruleset, en.request(), Evaluator.batchBudget(), "en");
        Decision same = Replays.sameAsStored(MAPPER, oldHead, oldText, inEnglish);
        assertNotNull(same);
        assertEquals(read(oldText), same);
    }
}
