package lexgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explanations in the reader's language (issue 20): Accept-Language fr, de or en gives each reason's
 * and obligation's explanation from the rules' messages files, the stored decision keeps the language
 * it was answered in, and a replay compares meaning (rules and outcomes), not wording.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class LanguageTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** rule id -> its explanations in the language, from every rules/**.messages.LANG.yaml. */
    static Map<String, List<String>> messages(String lang) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".messages." + lang + ".yaml")).toList()) {
                JsonNode root = new YAMLMapper().readTree(p.toFile());
                root.fields().forEachRemaining(e -> {
                    List<String> texts = new java.util.ArrayList<>();
                    if (e.getValue().isArray()) e.getValue().forEach(t -> texts.add(t.asText()));
                    else texts.add(e.getValue().asText());
                    out.put(e.getKey(), texts);
                });
            }
        }
        return out;
    }

    /** True when the text is one of the templates with its placeholders filled by anything. */
    static boolean fills(String text, List<String> templates) {
        for (String t : templates) {
            StringBuilder re = new StringBuilder();
            for (String part : t.split("\\{\\d+}", -1)) {
                if (re.length() > 0) re.append(".*?");
                re.append(java.util.regex.Pattern.quote(part));
            }
            if (java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL).matcher(text).matches()) return true;
        }
        return false;
    }

    static Response decide(String body, String acceptLanguage) {
        return given().contentType("application/json").header("Accept-Language", acceptLanguage).body(body)
                .when().post("/v1/decisions").then().statusCode(201).extract().response();
    }

    @Test
    void eachLanguageGetsTheRulesOwnExplanationsInIt() throws Exception {
        String body = Files.readString(Path.of("examples/ai-training-no-notice-no-opt-out.json"));
        Map<String, String> firstReason = new HashMap<>();
        for (String lang : List.of("en", "fr", "de")) {
            Response r = decide(body, lang + ";q=0.9, *;q=0.1");
            assertEquals(lang, r.header("Content-Language"), "Content-Language for " + lang);
            JsonNode d = JSON.readTree(r.asString());
            assertEquals(lang, d.path("language").asText());
            Map<String, List<String>> texts = lang.equals("en") ? Map.of() : messages(lang);
            int checked = 0;
            for (String kind : List.of("reasons", "obligations")) {
                for (JsonNode x : d.path(kind)) {
                    String rule = x.path("rule").asText();
                    if (rule.startsWith("lexgate.")) continue;
                    String explanation = x.path("explanation").asText();
                    if (!lang.equals("en")) {
                        List<String> mine = texts.get(rule);
                        assertTrue(mine != null, rule + " has no " + lang + " explanation");
                        assertTrue(fills(explanation, mine), rule + " in " + lang + ": '" + explanation + "' is none of " + mine);
                    }
                    checked++;
                }
            }
            assertTrue(checked >= 3, "reasons and obligations checked: " + checked);
            firstReason.put(lang, d.path("reasons").get(0).path("explanation").asText());
            assertEquals("DENY", d.path("outcome").asText(), "the outcome does not depend on the language");
        }
        assertNotEquals(firstReason.get("en"), firstReason.get("fr"));
        assertNotEquals(firstReason.get("en"), firstReason.get("de"));
        assertNotEquals(firstReason.get("fr"), firstReason.get("de"));
    }

    @Test
    void aStoredDecisionKeepsItsLanguageAndItsReplayComparesMeaningNotWording() throws Exception {
        String body = Files.readString(Path.of("examples/ai-training-with-safeguards.json"));
        Response r = decide(body, "de-DE,de;q=0.9,en;q=0.5");
        String id = JSON.readTree(r.asString()).path("decisionId").asText();
        String german = JSON.readTree(r.asString()).path("reasons").get(0).path("explanation").asText();
        given().header("Accept-Language", "en").when().get("/v1/decisions/" + id).then().statusCode(200)
                .body("language", equalTo("de")).body("reasons[0].explanation", equalTo(german));
        JsonNode replay = JSON.readTree(given().contentType("application/json").header("Accept-Language", "fr")
                .body("{\"against\":\"original\"}").when().post("/v1/decisions/" + id + "/replay")
                .then().statusCode(200).extract().asString());
        assertFalse(replay.path("diff").path("changed").asBoolean(), "same rules, same outcome: no change, whatever the wording: " + replay.path("diff"));
    }

    /**
     * A value whose words depend on the language is written in the answer's: footage kept 45 days
     * against the one-month limit for video surveillance in France (policies/retention.yaml, P1M)
     * reads "1 mois" in French and "1 Monat" in German, never the English "1 month" spliced into
     * a French or German sentence.
     */
    @Test
    void aPeriodInAnExplanationIsWrittenInTheAnswersLanguage() throws Exception {
        String body = """
                {"operationId":"cctv-45-days","asOf":"2025-03-01",
                 "controller":{"name":"Maison Lefèvre SARL","establishment":"FR","publicAuthority":false},
                 "purpose":{"code":"video-surveillance","description":"Cameras at the entrances and stockroom doors"},
                 "legalBasis":{"article":"6(1)(f)","legitimateInterest":{"interest":"Protecting premises and goods against theft",
                   "balancingTestDone":true,"withinReasonableExpectations":true}},
                 "data":{"categories":["images"],"source":"observed"},
                 "subjects":{"categories":["customers","employees"],"countries":["FR"]},
                 "necessity":{"lessIntrusiveMeansAvailable":false},
                 "retention":{"days":45},"dpia":{"done":true},"transparency":{"noticeProvided":true},
                 "security":{"encryptionAtRest":true,"encryptionInTransit":true,"accessControl":true}}
                """;
        Map<String, String> period = Map.of("en", "limit of 1 month ", "fr", "durée maximale de 1 mois ", "de", "Höchstdauer von 1 Monat ");
        for (String lang : List.of("en", "fr", "de")) {
            JsonNode d = JSON.readTree(decide(body, lang).asString());
            String text = null;
            for (JsonNode x : d.path("reasons")) {
                if (x.path("rule").asText().equals("eu.gdpr.a5-1-e.beyond-limit")) text = x.path("explanation").asText();
            }
            assertNotNull(text, lang + ": the retention limit did not fire: " + d);
            assertTrue(text.contains(period.get(lang)), lang + ": " + text);
            if (!lang.equals("en")) assertFalse(text.contains("month"), lang + ": English words in " + text);
        }
    }

    /**
     * A detail one rule passes to another's explanation (why a DPIA is required: the CNIL's list,
     * Art. 35(3)(b), two WP248 criteria) is written in the answer's language too, in the order of
     * the English in every language: monitoring employees' health data on a large scale in France,
     * no DPIA done.
     */
    @Test
    void aConclusionsDetailInAnExplanationIsWrittenInTheAnswersLanguage() throws Exception {
        String body = """
                {"operationId":"badge-health-monitoring","asOf":"2025-03-01",
                 "controller":{"name":"Logistique Martin SAS","establishment":"FR","publicAuthority":false},
                 "purpose":{"code":"employee-monitoring","description":"Continuous monitoring of warehouse staff, sick leave included"},
                 "legalBasis":{"article":"6(1)(f)","legitimateInterest":{"interest":"Organising the work",
                   "balancingTestDone":true,"withinReasonableExpectations":true}},
                 "data":{"categories":["health"],"source":"data-subject"},
                 "subjects":{"categories":["employees"],"countries":["FR"]},
                 "characteristics":["large-scale"],
                 "dpia":{"done":false}}
                """;
        Map<String, List<String>> details = Map.of(
                "en", List.of("Art. 35(3)(b); CNIL list 2018-327: constant monitoring of employees; two or more WP248 criteria"),
                "fr", List.of("art. 35.3.b du RGPD ; liste de la CNIL, délibération n° 2018-327 : traitements ayant pour finalité de "
                        + "surveiller de manière constante l'activité des employés ; au moins deux critères des lignes directrices WP248"),
                "de", List.of("Art. 35 Abs. 3 lit. b DSGVO; Liste der CNIL, Beschluss Nr. 2018-327: ständige Überwachung der Tätigkeit "
                        + "von Beschäftigten; mindestens zwei Kriterien der Leitlinien WP248"));
        for (String lang : List.of("en", "fr", "de")) {
            JsonNode d = JSON.readTree(decide(body, lang).asString());
            String text = null;
            for (JsonNode x : d.path("reasons")) {
                if (x.path("rule").asText().equals("eu.gdpr.a35-1.dpia-not-done")) text = x.path("explanation").asText();
            }
            assertNotNull(text, lang + ": the missing DPIA was not found: " + d);
            assertTrue(text.contains(details.get(lang).get(0)), lang + ": " + text);
            if (!lang.equals("en")) {
                assertFalse(text.contains("CNIL list") || text.contains("employees"), lang + ": English words in " + text);
            }
        }
    }

    @Test
    void aLanguageWeDoNotHaveFallsBackToEnglish() throws Exception {
        String body = Files.readString(Path.of("examples/ai-training-no-notice-no-opt-out.json"));
        Response r = decide(body, "it, es;q=0.8");
        assertEquals("en", r.header("Content-Language"));
        assertEquals("en", JSON.readTree(r.asString()).path("language").asText());
    }
}
