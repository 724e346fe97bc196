package lexgate.rules;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiles the shipped rules and broken copies of them, without the service. */
class RulesetCompilerTest {
    static final Path RULES = Path.of("rules");
    static final Path POLICIES = Path.of("policies");

    @Test
    void shippedRulesCompileWithMetadata() {
        Ruleset r = RulesetCompiler.compile(RULES, POLICIES);
        assertFalse(r.rules().isEmpty());
        assertTrue(r.digest().matches("sha256:[0-9a-f]{64}"), r.digest());
        assertEquals(Files.exists(RULES.resolve("VERSION")) ? read(RULES.resolve("VERSION")) : "", r.version());
        for (RuleMeta m : r.rules()) {
            assertFalse(m.citations().isEmpty(), m.id());
            assertTrue(m.file().startsWith("rules/"), m.file());
        }
    }

    @Test
    void digestIsStableAndCoversContent() {
        List<SourceFile> files = RulesetCompiler.readFiles(RULES, POLICIES);
        String d = RulesetCompiler.digest(files);
        assertEquals(d, RulesetCompiler.digest(RulesetCompiler.readFiles(RULES, POLICIES)));
        List<SourceFile> changed = new java.util.ArrayList<>(files);
        changed.set(0, new SourceFile(files.get(0).path(), files.get(0).content() + "\n"));
        assertFalse(d.equals(RulesetCompiler.digest(changed)));
    }

    /** A label no decision record can hold would make every decision of the ruleset fail at commit. */
    @Test
    void aVersionLabelTheRecordCannotHoldIsRejected(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path rules = copyRules(tmp);
        Files.writeString(rules.resolve("VERSION"), "2026.11." + "9".repeat(130) + "\n");
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(rules, POLICIES));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("rules/VERSION:1:") && p.contains("128")), e.problems().toString());
        Files.writeString(rules.resolve("VERSION"), "2026.11.3\nsecond line\n");
        e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(rules, POLICIES));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("several lines")), e.problems().toString());
        Files.writeString(rules.resolve("VERSION"), "9".repeat(128) + "\n");
        assertEquals("9".repeat(128), RulesetCompiler.compile(rules, POLICIES).version());
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path rules = copyRules(tmp);
        Path bad = rules.resolve("eu/gdpr/art6/broken.drl");
        Files.writeString(bad, """
                package eu.gdpr.art6;

                import lexgate.vocabulary.*;

                rule "broken"
                    @id("test.broken")
                    @cite("eu-gdpr:A6-1")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                    Operation(basis == )
                then
                    insert(Finding.deny("x"));
                end
                """);
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(rules, POLICIES));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("rules/eu/gdpr/art6/broken.drl:11:")), e.problems().toString());
    }

    @Test
    void forbiddenImportIsRejected(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path rules = copyRules(tmp);
        Files.writeString(rules.resolve("eu/gdpr/art6/evil.drl"), """
                package eu.gdpr.art6;

                import java.io.File;

                rule "evil"
                    @id("test.evil")
                    @cite("eu-gdpr:A6-1")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                    Operation()
                then
                    new File("/tmp/x").delete();
                end
                """);
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(rules, POLICIES));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("rules/eu/gdpr/art6/evil.drl:3:")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("rules/eu/gdpr/art6/evil.drl:13:")), e.problems().toString());
    }

    @Test
    void aLoopInAConsequenceIsRejected(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path rules = copyRules(tmp);
        Files.writeString(rules.resolve("eu/gdpr/art6/spin.drl"), """
                package eu.gdpr.art6;

                import lexgate.vocabulary.*;

                rule "spin"
                    @id("test.spin")
                    @cite("eu-gdpr:A6-1")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                    Operation()
                then
                    while (true) { }
                end
                """);
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(rules, POLICIES));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("rules/eu/gdpr/art6/spin.drl:13:") && p.contains("a loop is not allowed")),
                e.problems().toString());
    }

    @Test
    void duplicateIdAndUnknownCitationAreRejected(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path rules = copyRules(tmp);
        Files.writeString(rules.resolve("eu/gdpr/art6/dup.drl"), """
                package eu.gdpr.art6;

                import lexgate.vocabulary.*;

                rule "dup"
                    @id("eu.gdpr.a6-1.no-legal-basis")
                    @cite("eu-gdpr:A999")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                    Operation()
                then
                    insert(Finding.deny("x"));
                end
                """);
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(rules, POLICIES));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("repeats @id(\"eu.gdpr.a6-1.no-legal-basis\")")
                && p.contains("rules/eu/gdpr/art6/dup.drl:5")), e.problems().toString());
        // The unknown citation is reported on the @cite line, with the nearest known id.
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("rules/eu/gdpr/art6/dup.drl:7:") && p.contains("eu-gdpr:A999")), e.problems().toString());
    }

    /** A rule file of one rule, in a French package, citing LIL art. 82. */
    static SourceFile frenchRule(String id) {
        return new SourceFile("rules/fr/ldl/zz-test.drl", """
                package fr.ldl;

                import lexgate.vocabulary.*;

                rule "%s"
                    @id("%s")
                    @cite("fr-ldl:A82")
                    @jurisdiction("FR")
                    @inForce("2018-06-21")
                when
                    Layer(code == "FR")
                    Operation(purpose == "analytics")
                then
                    insertLogical(Finding.review("Check the trackers of " + "this site."));
                end
                """.formatted(id, id));
    }

    @Test
    void aRuleWithoutItsQuotedLawOrItsTranslationsIsRefusedNamingTheFilesToWrite() {
        List<SourceFile> files = new java.util.ArrayList<>(RulesetCompiler.readFiles(RULES, POLICIES));
        files.add(frenchRule("fr.ldl.zz-test"));
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(files));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("rules/fr/ldl/zz-test.drl:5: rule fr.ldl.zz-test quotes no provision: add it, word for word, to rules/fr/ldl/zz-test.law.yaml"), all);
        assertTrue(all.contains("rule fr.ldl.zz-test has no French explanation: add it to rules/fr/ldl/zz-test.messages.fr.yaml"), all);
        assertTrue(all.contains("rule fr.ldl.zz-test has no German explanation: add it to rules/fr/ldl/zz-test.messages.de.yaml"), all);
    }

    @Test
    void frenchLawQuotedOnlyInEnglishOrATranslationWithOtherPlaceholdersIsRefused() {
        List<SourceFile> files = new java.util.ArrayList<>(RulesetCompiler.readFiles(RULES, POLICIES));
        files.add(frenchRule("fr.ldl.zz-test"));
        files.add(new SourceFile("rules/fr/ldl/zz-test.law.yaml", """
                fr.ldl.zz-test:
                  - cite: fr-ldl:A82
                    text: "Any subscriber or user of an electronic communications service must be informed ..."
                """));
        files.add(new SourceFile("rules/fr/ldl/zz-test.messages.fr.yaml", "fr.ldl.zz-test: [\"Vérifiez les traceurs de {0}.\"]\n"));
        files.add(new SourceFile("rules/fr/ldl/zz-test.messages.de.yaml", "fr.ldl.zz-test: [\"Prüfen Sie die Tracker dieser Website.\"]\n"));
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(files));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("rule fr.ldl.zz-test implements French law: quote it in French (lang: fr), with an English rendering"), all);
        assertTrue(all.contains("rules/fr/ldl/zz-test.messages.fr.yaml:1:") && all.contains("has the placeholders [0]"), all);
        assertFalse(all.contains("zz-test.messages.de.yaml"), "the German explanation is right: " + all);
    }

    static Path copyRules(Path tmp) {
        return lexgate.testing.Trees.copy(RULES, tmp.resolve("rules"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
