package lexgate.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision's JSON with its reasons, obligations and supervision remembered is byte for byte what
 * Jackson writes without: for every shipped scenario, in every language, written first (Jackson
 * renders) and again (the remembered text), pretty printed, and after the cache starts again.
 */
class RememberedJsonTest {
    static final ObjectMapper PLAIN = new ObjectMapper();

    static List<Decision> decisions() {
        Ruleset ruleset = RulesetCompiler.compile(Path.of("rules"), Path.of("policies"));
        List<Decision> out = new ArrayList<>();
        for (String lang : List.of("en", "fr", "de")) {
            for (Map.Entry<String, OperationRequest> e : WarmSessionsTest.requests(ruleset).entrySet()) {
                Evaluation ev = Evaluator.evaluate(ruleset, e.getValue(), Evaluator.batchBudget(), lang);
                out.add(new Decision("d-" + out.size(), ev.outcome(), ev.outcome() == Decision.Outcome.ALLOW,
                        e.getValue().asOf(), "2026-12-05T00:00:00Z", new Decision.RulesetRef(ruleset.version(), ruleset.digest()),
                        ev.reasons(), ev.obligations(), ev.missing(), null, lang, ev.supervision(), ev.exposure()));
            }
        }
        return out;
    }

    @Test
    void rememberedJsonIsWhatJacksonWrites() throws Exception {
        ObjectMapper memo = new ObjectMapper().registerModule(DecisionJson.module());
        List<Decision> all = decisions();
        assertTrue(all.size() > 150, "the shipped scenarios in three languages");
        int reasons = 0, obligations = 0, supervised = 0;
        for (int round = 0; round < 2; round++) {
            for (Decision d : all) {
                String expected = PLAIN.writeValueAsString(d);
                assertEquals(expected, memo.writeValueAsString(d), d.decisionId() + " round " + round);
                // An equal decision built anew (other instances, equal values) gets the same bytes.
                Decision copy = PLAIN.readValue(expected, Decision.class);
                assertEquals(expected, memo.writeValueAsString(copy), d.decisionId() + " read back");
                assertEquals(PLAIN.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(d),
                        memo.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(d), "pretty printed");
                // Into tokens, not text (convertValue, valueToTree: the web pages' way): the same tree.
                assertEquals(PLAIN.valueToTree(d), memo.valueToTree(d), "as a tree");
                assertEquals(PLAIN.convertValue(d.reasons(), List.class), memo.convertValue(d.reasons(), List.class), "converted");
                assertEquals(expected, memo.writeValueAsString(memo.valueToTree(d)), "tree written");
                // As UTF-8 bytes (how the service serialises a new decision: body, hash and record
                // text all come from them): the plain mapper's bytes, and the text decoded from them.
                byte[] utf8 = memo.writeValueAsBytes(d);
                assertArrayEquals(PLAIN.writeValueAsBytes(d), utf8, d.decisionId() + " as bytes");
                // Through the thread's reused buffer, as DecisionService.prepare writes it.
                assertArrayEquals(utf8, DecisionJson.utf8(memo, d), d.decisionId() + " as bytes, reused buffer");
                assertEquals(expected, new String(utf8, java.nio.charset.StandardCharsets.UTF_8), d.decisionId() + " bytes as text");
                if (round == 0) {
                    reasons += d.reasons().size();
                    obligations += d.obligations().size();
                    if (d.supervision() != null) supervised++;
                }
            }
        }
        assertTrue(reasons > 0 && obligations > 0 && supervised > 0, "every remembered kind was written");
    }

    @Test
    void aValueDifferentInOneFieldIsWrittenForItself() throws Exception {
        ObjectMapper memo = new ObjectMapper().registerModule(DecisionJson.module());
        Decision.Reason a = new Decision.Reason("gdpr-6-1-a", "PERMIT", "EU",
                List.of(new Decision.CitationRef("gdpr-art-6", "GDPR Art. 6", "https://eur-lex.europa.eu/eli/reg/2016/679/oj")), "consent \"given\"");
        Decision.Reason b = new Decision.Reason(a.rule(), a.effect(), a.jurisdiction(),
                List.of(new Decision.CitationRef("gdpr-art-6", "GDPR Art. 6", null)), a.explanation());
        String ja = memo.writeValueAsString(a);
        String jb = memo.writeValueAsString(b);
        assertNotEquals(ja, jb);
        assertEquals(PLAIN.writeValueAsString(a), memo.writeValueAsString(a));
        assertEquals(PLAIN.writeValueAsString(b), jb);
    }

    @Test
    void theCacheStartsAgainWhenFull() throws Exception {
        DecisionJson.Module module = DecisionJson.module();
        ObjectMapper memo = new ObjectMapper().registerModule(module);
        int most = 0;
        for (int i = 0; i < DecisionJson.LIMIT * 2 + 10; i++) {
            Decision.Missing m = new Decision.Missing("f" + i, "r");
            Decision.Reason r = new Decision.Reason("rule-" + i, "REVIEW", "EU", List.of(), "because " + i);
            assertEquals(PLAIN.writeValueAsString(r), memo.writeValueAsString(r));
            assertEquals(PLAIN.writeValueAsString(m), memo.writeValueAsString(m));
            most = Math.max(most, module.held(Decision.Reason.class));
        }
        assertEquals(DecisionJson.LIMIT, most, "the cache filled up to its limit, never beyond");
        assertTrue(module.held(Decision.Reason.class) < DecisionJson.LIMIT, "and started again");
        assertEquals(0, module.held(Decision.Missing.class), "a missing fact is not remembered");
    }
}
