package lexgate.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three walls between a rule file and the service, each shown on its own: the allow-list on the
 * parsed file, the class loader rules are compiled and run with, and the check of what was compiled.
 * Each test switches the walls in front of the one it tests off, so that a rule that slipped past
 * them is seen to stop there. (The escape-attempt corpus, {@code EscapeCorpusTest}, runs every wall.)
 */
class RuleWallsTest {
    static final RulesetCompiler.Walls ONLY_LOADER = new RulesetCompiler.Walls(false, true, false);
    static final RulesetCompiler.Walls ONLY_COMPILED_CHECK = new RulesetCompiler.Walls(false, false, true);

    /** The shipped policies and one rule file with the given conditions and consequence. */
    static List<SourceFile> ruleset(String when, String then) {
        List<SourceFile> files = new ArrayList<>(RulesetCompiler.readFiles(java.nio.file.Path.of("rules"), java.nio.file.Path.of("policies"))
                .stream().filter(f -> !f.path().endsWith(".drl") && !RuleTexts.isTextFile(f.path())).toList());
        files.add(new SourceFile("rules/escapes/x.law.yaml", """
                escapes.x:
                  - cite: eu-gdpr:A5-1-f
                    text: "Personal data shall be ... processed in a manner that ensures appropriate security of the personal data ..."
                """));
        files.add(new SourceFile("rules/escapes/x.drl", """
                package escapes;

                import lexgate.vocabulary.*;

                rule "x"
                    @id("escapes.x")
                    @cite("eu-gdpr:A5-1-f")
                    @jurisdiction("EU")
                    @inForce("2018-05-25")
                when
                    %s
                then
                    %s
                end
                """.formatted(when, then)));
        return files;
    }

    static List<String> problems(List<SourceFile> files, RulesetCompiler.Walls walls) {
        RulesetException e = assertThrows(RulesetException.class, () -> RulesetCompiler.compile(files, walls));
        return e.problems();
    }

    @Test
    void theShippedRulesPassEveryWall() {
        Ruleset r = RulesetCompiler.compile(java.nio.file.Path.of("rules"), java.nio.file.Path.of("policies"));
        assertFalse(r.rules().isEmpty());
    }

    @ParameterizedTest(name = "allow-list: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "Operation(purpose == System.getenv(\"HOME\"))|insertLogical(Finding.deny(\"x\"));|11|'System' is not part of the vocabulary",
            "Operation()|insertLogical(Finding.deny(System.getenv(\"HOME\")));|13|'System' is not part of the vocabulary",
            "Operation()|insertLogical(Finding.deny(\"x\")); drools.getKieRuntime().halt();|13|may only insertLogical",
            "Operation()|java.lang.Runtime.getRuntime().exec(\"id\");|13|may only insertLogical",
            "Operation()|for (;;) { }|13|a loop is not allowed",
            "Operation()|String s = \"x\";|13|variables are not allowed",
            "Operation()|insertLogical(Finding.deny(\"\" + ((java.util.function.Supplier<String>) () -> \"x\").get()));|13|a cast",
            "Operation(eval(true))|insertLogical(Finding.deny(\"x\"));|11|eval(...) is not allowed",
            "eval(true)|insertLogical(Finding.deny(\"x\"));|11|eval(...) is not allowed",
            "$s : String() from \"x\"|insertLogical(Finding.deny(\"x\"));|11|'from' is not allowed",
            "Operation(purpose == \"ai-model-trainig\")|insertLogical(Finding.deny(\"x\"));|11|did you mean \"ai-model-training\"",
            "Operation(hasCategory(\"helth\"))|insertLogical(Finding.deny(\"x\"));|11|did you mean \"health\"",
            "Operation(purpos == \"x\")|insertLogical(Finding.deny(\"x\"));|11|did you mean 'purpose'",
            "Operation(this.getClass() != null)|insertLogical(Finding.deny(\"x\"));|11|'getClass(...)' is not a method rules may call",
            "Operation(categories[0] == \"x\")|insertLogical(Finding.deny(\"x\"));|11|an index",
            "lexgate.store.DecisionRecord()|insertLogical(Finding.deny(\"x\"));|11|is not a fact type of the vocabulary",
            "Operation()|insertLogical(new java.io.File(\"/tmp/x\"));|13|may create only",
            "Operation()|insertLogical(Finding.deny(\"x\" + '\"'));|13|not single quotes",
            "Operation(purpose matches \".*\")|insertLogical(Finding.deny(\"x\"));|11|the operator 'matches' is not allowed",
    })
    void theAllowListRefusesWithLineAndReason(String when, String then, int line, String reason) {
        List<String> p = problems(ruleset(when, then), RulesetCompiler.Walls.ALL);
        assertTrue(p.stream().anyMatch(x -> x.startsWith("rules/escapes/x.drl:" + line + ":") && x.contains(reason)), p.toString());
    }

    @Test
    void unicodeEscapesAreRefusedBeforeAnythingElse() {
        List<String> p = problems(ruleset("Operation()", "insertLogical(Finding.deny(\"\\u0022 + System.getenv(\\u0022HOME\\u0022) + \\u0022\"));"),
                RulesetCompiler.Walls.ALL);
        assertTrue(p.stream().anyMatch(x -> x.startsWith("rules/escapes/x.drl:13:") && x.contains("'\\u' escapes are not allowed")), p.toString());
    }

    @Test
    void fileLevelConstructsAreRefused() {
        List<SourceFile> files = ruleset("Operation()", "insertLogical(Finding.deny(\"x\"));");
        SourceFile f = files.get(files.size() - 1);
        files.set(files.size() - 1, new SourceFile(f.path(), f.content().replace("import lexgate.vocabulary.*;",
                "import lexgate.vocabulary.*;\nimport java.io.File;\nglobal java.util.List sink;\ndialect \"mvel\"\n"
                        + "function void f() { }\ndeclare Evil name : String end\nquery q() Operation() end")));
        List<String> p = problems(files, RulesetCompiler.Walls.ALL);
        for (String what : List.of("'import java.io.File' is not allowed", "a 'global' is not allowed", "a 'function' is not allowed",
                "a 'declare' block is not allowed", "a 'query' is not allowed", "the file-wide attribute 'dialect'")) {
            assertTrue(p.stream().anyMatch(x -> x.contains(what)), what + " in " + p);
        }
    }

    @Test
    void theClassLoaderStopsWhatTheAllowListWouldHaveStopped() {
        for (String then : List.of("insertLogical(Finding.deny(System.getenv(\"HOME\")));",
                "insertLogical(Finding.deny(\"\" + new java.io.File(\"/tmp\").exists()));",
                "insertLogical(Finding.deny(\"\" + lexgate.store.DecisionRecord.count()));",
                "insertLogical(Finding.deny(\"\" + jakarta.enterprise.inject.spi.CDI.current()));")) {
            List<String> p = problems(ruleset("Operation()", then), ONLY_LOADER);
            assertTrue(p.stream().anyMatch(x -> x.startsWith("rules/escapes/x.drl:")), then + ": " + p);
        }
    }

    @Test
    void theCompiledCheckStopsWhatTheFirstTwoWallsWouldHaveStopped() {
        record Case(String when, String then, String named) {}
        for (Case c : List.of(
                new Case("Operation()", "insertLogical(Finding.deny(System.getenv(\"HOME\")));", "java.lang.System"),
                new Case("Operation()", "insertLogical(Finding.deny(\"\" + new java.io.File(\"/tmp/x\").exists()));", "java.io.File"),
                new Case("Operation()", "Runnable r = () -> { }; r.run(); insertLogical(Finding.deny(\"x\"));", "lambdas"),
                new Case("Operation()", "insertLogical(Finding.deny(\"x\")); drools.getKieRuntime();", "KnowledgeHelper.getKieRuntime"),
                new Case("Operation(purpose == System.getenv(\"HOME\"))", "insertLogical(Finding.deny(\"x\"));", "not part of the vocabulary"))) {
            List<String> p = problems(ruleset(c.when(), c.then()), ONLY_COMPILED_CHECK);
            assertTrue(p.stream().anyMatch(x -> x.startsWith("rules/escapes/x.drl:") && x.contains(c.named())), c + ": " + p);
        }
    }

    @Test
    void aRuleWithinTheAllowListPassesAllThreeWalls() {
        List<SourceFile> files = ruleset("$op : Operation(purpose == \"ai-model-training\", hasCategory(\"health\"), $p : purpose)\n"
                        + "    Purpose(code == $p, contractual == false)\n    not Consent(explicit == Tri.TRUE)",
                "insertLogical(Finding.review(\"Training on health data (\" + $p + \") needs explicit consent.\"));");
        files.add(new SourceFile("rules/escapes/x.messages.fr.yaml", "escapes.x: [\"L'entraînement sur des données de santé ({0}) exige un consentement explicite.\"]\n"));
        files.add(new SourceFile("rules/escapes/x.messages.de.yaml", "escapes.x: [\"Das Training mit Gesundheitsdaten ({0}) erfordert eine ausdrückliche Einwilligung.\"]\n"));
        Ruleset r = RulesetCompiler.compile(files, RulesetCompiler.Walls.ALL);
        assertEquals(1, r.rules().size());
    }
}
