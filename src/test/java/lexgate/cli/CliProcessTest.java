package lexgate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legal author's verbs run as separate processes (as bin/lexgate runs them), on a private copy
 * of rules/ and policies/: exit codes and output are asserted.
 */
class CliProcessTest {
    @TempDir
    Path tmp;
    Path rules;

    record Run(int exit, String out) {}

    @BeforeEach
    void copy() throws IOException {
        rules = tmp.resolve("rules");
        lexgate.testing.Trees.copy(Path.of("rules"), rules);
        lexgate.testing.Trees.copy(Path.of("policies"), tmp.resolve("policies"));
    }

    Run lexgate(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dorg.jboss.logging.provider=jboss", // as bin/lexgate
                "-cp", System.getProperty("java.class.path"), LexgateCli.class.getName(),
                "--rules", rules.toString(), "--policies", tmp.resolve("policies").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    void write(String rel, String content) throws IOException {
        Path f = rules.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    /** The quoted law and the French and German explanations every rule needs, for a planted rule of one finding. */
    void texts(String drl, String id, String fr, String de) throws IOException {
        String base = drl.substring(0, drl.length() - ".drl".length());
        write(base + ".law.yaml", id + ":\n  - cite: eu-gdpr:A6-1\n    text: \"Processing shall be lawful only if and to the extent that at least one of the following applies: ...\"\n");
        write(base + ".messages.fr.yaml", id + ": [\"" + fr + "\"]\n");
        write(base + ".messages.de.yaml", id + ": [\"" + de + "\"]\n");
    }

    static String rule(String header, String id, String cite, String when, String then) {
        return "package eu.gdpr.art6;\n\n" + header + "\n\nrule \"" + id + "\"\n    @id(\"" + id + "\")\n    @cite(\"" + cite
                + "\")\n    @jurisdiction(\"EU\")\n    @inForce(\"2018-05-25\")\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    @Test
    void checkPassesOnTheShippedRules() throws Exception {
        Run r = lexgate("check");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("ok: ") && r.out().contains("sha256:"), r.out());
    }

    @Test
    void checkRejectsASyntaxErrorWithFileAndLine() throws Exception {
        write("eu/gdpr/art6/broken.drl", rule("import lexgate.vocabulary.*;", "test.broken", "eu-gdpr:A6-1",
                "Operation(basis == )", "insertLogical(Finding.deny(\"x\"));"));
        Run r = lexgate("check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("rules/eu/gdpr/art6/broken.drl:11:"), r.out());
    }

    @Test
    void checkRejectsAnImportOfJavaIoFile() throws Exception {
        write("eu/gdpr/art6/evil.drl", rule("import java.io.File;", "test.evil", "eu-gdpr:A6-1",
                "Operation()", "new File(\"/tmp/x\").delete();"));
        Run r = lexgate("check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("rules/eu/gdpr/art6/evil.drl:3:1: 'import java.io.File' is not allowed"), r.out());
        assertTrue(r.out().contains("rules/eu/gdpr/art6/evil.drl:13:"), r.out());
    }

    @Test
    void checkRejectsADuplicateId() throws Exception {
        write("eu/gdpr/art6/zz-dup.drl", rule("import lexgate.vocabulary.*;", "eu.gdpr.a6-1.no-legal-basis", "eu-gdpr:A6-1",
                "Operation(basis == \"none\")", "insertLogical(Finding.deny(\"x\"));"));
        Run r = lexgate("check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("rules/eu/gdpr/art6/zz-dup.drl:6: rule \"eu.gdpr.a6-1.no-legal-basis\" repeats @id"), r.out());
    }

    @Test
    void checkRejectsAnUnknownCitation() throws Exception {
        write("eu/gdpr/art6/cite.drl", rule("import lexgate.vocabulary.*;", "test.cite", "eu-gdpr:A999",
                "Operation(basis == \"none\")", "insertLogical(Finding.deny(\"x\"));"));
        Run r = lexgate("check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("rules/eu/gdpr/art6/cite.drl:7:") && r.out().contains("eu-gdpr:A999"), r.out());
    }

    @Test
    void checkRejectsARuleNoScenarioReaches() throws Exception {
        write("eu/gdpr/art6/lonely.drl", rule("import lexgate.vocabulary.*;", "test.lonely", "eu-gdpr:A6-1",
                "Operation(purpose == \"public-task\", basis == \"6(1)(d)\", hasCategory(\"genetic\"))", "insertLogical(Finding.review(\"x\"));"));
        texts("eu/gdpr/art6/lonely.drl", "test.lonely", "x", "x");
        Run r = lexgate("check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("rules/eu/gdpr/art6/lonely.drl:5:") && r.out().contains("reached by no scenario"), r.out());
    }

    @Test
    void aScenarioFileThatIsNotYamlIsNamedWithoutAStackTrace() throws Exception {
        write("eu/gdpr/art6/colon.scenarios.yaml", """
                - name: a-colon-in-a-plain-value
                  why: Dutch customers of a Dutch shop: the rule stays silent.
                """);
        for (String verb : List.of("check", "test")) {
            Run r = lexgate(verb);
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("rules/eu/gdpr/art6/colon.scenarios.yaml:2:") && r.out().contains("the YAML cannot be read: a colon followed by a space"), r.out());
            assertTrue(!r.out().contains("Exception") && !r.out().contains("\tat "), r.out());
        }
    }

    @Test
    void testRunsEveryScenarioAndSummarises() throws Exception {
        Run r = lexgate("test");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().strip().matches("(?s).*\\n?\\d+ passed, 0 failed$"), r.out());
    }

    @Test
    void testReportsAFailingScenarioWithExpectedAndActual() throws Exception {
        write("eu/gdpr/art6/wrong.scenarios.yaml", """
                - name: a wrong expectation
                  request:
                    asOf: "2025-01-10"
                    controller: { name: Shop, establishment: FR, publicAuthority: false }
                    purpose: { code: order-fulfilment }
                    legalBasis: { article: "none" }
                    data: { categories: [identity], source: data-subject }
                    subjects: { categories: [customers], countries: [FR] }
                  expect:
                    outcome: ALLOW
                    cites: [eu-gdpr:A6-1-b]
                """);
        Run r = lexgate("test", rules.resolve("eu/gdpr/art6/wrong.scenarios.yaml").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("FAIL rules/eu/gdpr/art6/wrong.scenarios.yaml:1 (scenario 1) a wrong expectation"), r.out());
        assertTrue(r.out().contains("expected ALLOW citing [eu-gdpr:A6-1-b]; got DENY"), r.out());
        assertTrue(r.out().contains("eu.gdpr.a6-1.no-legal-basis [eu-gdpr:A5-1-a, eu-gdpr:A6-1]"), r.out());
        assertTrue(r.out().strip().endsWith("0 passed, 1 failed"), r.out());
    }

    @Test
    void explainPrintsTheDecisionForAReader() throws Exception {
        Path req = tmp.resolve("req.json");
        Files.copy(Path.of("examples/ai-training-no-notice-no-opt-out.json"), req);
        Run r = lexgate("explain", req.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Outcome:  DENY"), r.out());
        assertTrue(r.out().contains("eu.edpb.op28-2024.no-opt-out") && r.out().contains("GDPR Art. 6(1)(f)"), r.out());
        assertTrue(r.out().contains("Obligations:") && r.out().contains("honour-objection"), r.out());
        assertTrue(r.out().contains("Missing facts:") && r.out().contains("legitimateInterest.balancingTestDone"), r.out());
        assertTrue(r.out().contains("Ruleset:  ") && r.out().contains("sha256:"), r.out());
    }

    @Test
    void checkAndTestRefuseEveryEscapeAttemptWithFileAndLine() throws Exception {
        for (lexgate.rules.EscapeCorpus.Attempt a : lexgate.rules.EscapeCorpus.attempts()) write("escapes/" + a.name(), a.content());
        for (String verb : List.of("check", "test")) {
            Run r = lexgate(verb);
            assertEquals(1, r.exit(), r.out());
            for (lexgate.rules.EscapeCorpus.Attempt a : lexgate.rules.EscapeCorpus.attempts()) {
                assertTrue(r.out().matches("(?s).*\\Q" + a.path() + "\\E:[1-9]\\d*:.*"), verb + " does not name " + a.name() + ":\n" + r.out());
            }
            assertTrue(!r.out().contains(lexgate.rules.EscapeCorpus.SECRET), "the secret leaked");
            assertTrue(!r.out().contains("\tat ") && !r.out().contains("Exception"), r.out());
        }
        assertEquals(List.of(), lexgate.rules.EscapeCorpus.markers());
    }

    @Test
    void aMisspeltPolicyKeyIsAnErrorWithFileAndLine() throws Exception {
        Path purposes = tmp.resolve("policies/purposes.yaml");
        String text = Files.readString(purposes);
        int line = (int) text.substring(0, text.indexOf("    contractual: true")).lines().count() + 1;
        Files.writeString(purposes, text.replaceFirst("    contractual: true", "    contractul: true"));
        Run r = lexgate("check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("policies/purposes.yaml:" + line + ":") && r.out().contains("'contractul'")
                && r.out().contains("did you mean 'contractual'"), r.out());
    }

    @Test
    void aMisspeltKeyUnderExpectIsAnErrorWithFileAndLine() throws Exception {
        write("eu/gdpr/art6/typo.scenarios.yaml", """
                - name: silent misspelt
                  request:
                    asOf: "2025-01-10"
                    controller: { name: Shop, establishment: FR, publicAuthority: false }
                    purpose: { code: order-fulfilment }
                    legalBasis: { article: "6(1)(b)" }
                    data: { categories: [identity], source: data-subject }
                    subjects: { categories: [customers], countries: [FR] }
                  expect:
                    outcome: ALLOW
                    silnt: [eu.gdpr.a6-1.no-legal-basis]
                """);
        for (String verb : List.of("check", "test")) {
            Run r = lexgate(verb);
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("rules/eu/gdpr/art6/typo.scenarios.yaml:11:") && r.out().contains("did you mean 'silent'"), r.out());
        }
    }

    @Test
    void aMisspeltPurposeCodeInARuleIsAnErrorWithFileAndLine() throws Exception {
        write("eu/gdpr/art6/code.drl", rule("import lexgate.vocabulary.*;", "test.code", "eu-gdpr:A6-1",
                "Operation(purpose == \"ai-model-trainig\")", "insertLogical(Finding.deny(\"x\"));"));
        Run r = lexgate("check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("rules/eu/gdpr/art6/code.drl:11:") && r.out().contains("did you mean \"ai-model-training\""), r.out());
    }

    @Test
    void unknownVerbIsAUsageError() throws Exception {
        Run r = lexgate("frobnicate");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("usage: lexgate"), r.out());
    }

    /** The CLI run as bin/lexgate runs it, from {@code dir}, without --rules or --policies. */
    Run lexgateIn(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dorg.jboss.logging.provider=jboss", // as bin/lexgate
                "-cp", System.getProperty("java.class.path"), LexgateCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("LEXGATE_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void everyVerbHasHelpAndRunsNothing() throws Exception {
        for (String verb : List.of("check", "test", "explain", "coverage", "diff", "verify-evidence", "reference")) {
            Run r = lexgateIn(tmp, verb, "--help");
            assertEquals(0, r.exit(), verb + ": " + r.out());
            assertTrue(r.out().contains("Usage:") && r.out().contains(verb), verb + ": " + r.out());
            assertTrue(!r.out().contains("ok:") && !r.out().contains("covered"), verb + " --help ran the verb: " + r.out());
        }
    }

    @Test
    void anOptionWithoutItsValueIsOneLineAndExit2() throws Exception {
        Run r = lexgateIn(tmp, "--rules");
        assertEquals(2, r.exit(), r.out());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().contains("--rules") && !r.out().contains("Exception") && !r.out().contains("\tat "), r.out());
    }

    @Test
    void runsFromAnyFolderFindingRulesUpwards() throws Exception {
        Run r = lexgateIn(rules.resolve("eu/gdpr/art6"), "check");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("ok: "), r.out());
        Run none = lexgateIn(Files.createDirectories(tmp.getParent().resolve(tmp.getFileName() + "-empty")), "check");
        assertEquals(2, none.exit(), none.out());
        assertTrue(none.out().contains("rules"), none.out());
    }

    @Test
    void coverageNamesTheScenariosOfEachRuleAndTheGaps() throws Exception {
        write("eu/gdpr/art6/unreached.drl", rule("import lexgate.vocabulary.*;", "eu.gdpr.art6.unreached", "eu-gdpr:A6-1",
                "Operation(purpose == \"credit-scoring\", basis == \"6(1)(d)\")", "insertLogical(Finding.review(\"Vital interests for scoring?\"));"));
        texts("eu/gdpr/art6/unreached.drl", "eu.gdpr.art6.unreached", "Des intérêts vitaux pour une notation ?", "Lebenswichtige Interessen für ein Scoring?");
        Run r = lexgate("coverage");
        assertTrue(r.out().contains("eu.gdpr.a6-1.no-legal-basis") && r.out().contains("fires in"), r.out());
        assertTrue(r.out().contains("contract-order-fulfilment"), "scenarios are named: " + r.out());
        Run gaps = lexgate("coverage", "--gaps");
        assertTrue(gaps.out().contains("eu.gdpr.art6.unreached"), gaps.out());
        assertTrue(!gaps.out().contains("eu.gdpr.a6-1.no-legal-basis "), "--gaps lists only the gaps: " + gaps.out());
    }

    @Test
    void explainJsonIsADecisionAMachineCanRead() throws Exception {
        Run r = lexgate("explain", "--json", Path.of("examples/ai-training-with-safeguards.json").toAbsolutePath().toString());
        assertEquals(0, r.exit(), r.out());
        com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("ALLOW", d.get("outcome").asText(), r.out());
        assertTrue(d.get("reasons").isArray() && d.get("reasons").size() > 0, r.out());
        assertTrue(d.get("ruleset").get("digest").asText().startsWith("sha256:"), r.out());
    }

    @Test
    void diffOfTwoFoldersNamesTheChangedRule() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a")), b = Files.createDirectories(tmp.resolve("b"));
        for (Path side : List.of(a, b)) {
            lexgate.testing.Trees.copy(rules, side.resolve("rules"));
            lexgate.testing.Trees.copy(tmp.resolve("policies"), side.resolve("policies"));
        }
        Path law = b.resolve("rules/eu/gdpr/art6/lawfulness.drl");
        Files.writeString(law, Files.readString(law).replace("processing is lawful only if at least one basis applies",
                "processing is lawful only if a basis applies"));
        Run r = lexgateIn(tmp, "diff", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("eu.gdpr.a6-1.no-legal-basis") && r.out().contains("1 difference"), r.out());
        Run same = lexgateIn(tmp, "diff", a.toString(), a.toString());
        assertTrue(same.out().contains("0 difference") || same.out().toLowerCase().contains("no difference"), same.out());
    }
}
