package lexgate.rules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every escape attempt of the corpus, installed alone beside the shipped rules, is refused by the
 * allow-list itself with its file and line, the ruleset is not compiled, and nothing of it ran: no
 * marker, no secret. (The same corpus goes through bin/lexgate check in CliProcessTest, and through
 * validate and reload over HTTP in EscapeCorpusHttpTest.)
 */
class EscapeCorpusTest {
    static List<SourceFile> shipped;

    @BeforeAll
    static void read() {
        shipped = RulesetCompiler.readFiles(Path.of("rules"), Path.of("policies"));
    }

    @Test
    void theCorpusIsLargeAndCoversTheClassesOfTheIssue() {
        List<EscapeCorpus.Attempt> all = EscapeCorpus.attempts();
        assertTrue(all.size() >= 40, all.size() + " attempts");
        for (String cls : List.of("quote", "sameline", "split", "function", "mvel", "from", "accumulate", "fqn", "lambda",
                "unicode", "reflection", "engine", "java", "declare", "global", "query", "eval", "attribute", "annotation")) {
            assertTrue(all.stream().anyMatch(a -> a.name().startsWith(cls + "-")), "no attempt of class " + cls);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAttemptIsRefusedWithItsFileAndLine() {
        return EscapeCorpus.attempts().stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> {
            SourceFile f = new SourceFile(a.path(), a.content());
            List<String> first = RuleAllowList.check(f, RulesetCompiler.codeLookup(
                    lexgate.policy.PolicyLoader.load(Path.of("policies")))).problems();
            assertFalse(first.isEmpty(), a.name() + " passed the allow-list");
            assertTrue(first.stream().allMatch(p -> p.matches("\\Q" + a.path() + "\\E:[1-9]\\d*:\\d+: .+")), first.toString());
            List<SourceFile> files = new ArrayList<>(shipped);
            files.add(f);
            RulesetException e = org.junit.jupiter.api.Assertions.assertThrows(RulesetException.class, () -> RulesetCompiler.compile(files));
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(a.path() + ":")), e.problems().toString());
            assertTrue(e.problems().stream().noneMatch(p -> p.contains(EscapeCorpus.SECRET)), "the secret leaked");
            assertFalse(java.nio.file.Files.exists(a.marker()), a.name() + " left its marker");
        }));
    }

    @Test
    void noAttemptLeftAMarker() {
        assertEquals(List.of(), EscapeCorpus.markers());
    }
}
