package lexgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mistakes a lawyer makes (src/test/resources/mistakes, one per file, with what must be said
 * about it in the file's first lines): all of them beside the shipped rules, one run of
 * {@code lexgate check}, every one reported at its line, in the author's terms, with its suggestion.
 */
class AuthorMistakesTest {
    static final Path FIXTURES = Path.of("src/test/resources/mistakes/rules");
    static final Pattern EXPECT = Pattern.compile("^(?://|#) expect at (EOF|\"((?:[^\"\\\\]|\\\\.)*)\"): (.*)$");
    static final Pattern JAVA_CLASS = Pattern.compile("\\b(?:lexgate|org\\.drools|org\\.mvel2?|java\\.lang|com\\.fasterxml)\\.[A-Za-z.]*[A-Z]");

    record Expectation(String file, int line, List<String> words) {}

    @TempDir
    Path tmp;

    @Test
    void everyMistakeIsReportedInOneRunAtItsLineWithItsSuggestion() throws Exception {
        lexgate.testing.Trees.copy(Path.of("rules"), tmp.resolve("rules"));
        lexgate.testing.Trees.copy(Path.of("policies"), tmp.resolve("policies"));
        Path into = tmp.resolve("rules/eu/gdpr/art6");
        List<Expectation> expected = new ArrayList<>();
        int files = 0;
        try (Stream<Path> list = Files.list(FIXTURES)) {
            for (Path f : list.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".drl") && !name.endsWith(".scenarios.yaml")) continue;
                files++;
                Files.copy(f, into.resolve(name));
                expected.addAll(expectations("rules/eu/gdpr/art6/" + name, Files.readAllLines(f)));
            }
        }
        assertTrue(files >= 20, "fixtures: " + files);

        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dorg.jboss.logging.provider=jboss", "-cp", System.getProperty("java.class.path"), LexgateCli.class.getName(), "check");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        List<String> lines = out.lines().toList();

        List<String> failures = new ArrayList<>();
        for (Expectation e : expected) {
            String at = e.file() + ":" + e.line() + ":";
            boolean found = lines.stream().anyMatch(l -> l.startsWith(at) && e.words().stream().allMatch(l::contains));
            if (!found) failures.add(at + " should say " + e.words());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures) + "\n--- lexgate check said:\n" + out);
        for (String l : lines) {
            if (l.startsWith("rules/eu/gdpr/art6/") && l.matches("^rules/eu/gdpr/art6/\\d\\d-.*")) {
                assertFalse(JAVA_CLASS.matcher(l).find(), "a message names a Java class: " + l);
                assertFalse(l.contains("Exception"), "a message names an exception: " + l);
            }
        }
        long three = lines.stream().filter(l -> l.startsWith("rules/eu/gdpr/art6/16-three-mistakes.drl:")).count();
        assertEquals(3, three, "the file with three mistakes reports exactly three:\n" + out);
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
    }

    static List<Expectation> expectations(String file, List<String> text) {
        List<Expectation> out = new ArrayList<>();
        for (String l : text) {
            Matcher m = EXPECT.matcher(l);
            if (!m.matches()) continue;
            int line;
            if (m.group(1).equals("EOF")) {
                line = text.size() + 1;
            } else {
                String token = m.group(2).replace("\\\"", "\"");
                line = -1;
                for (int i = 0; i < text.size(); i++) {
                    if (!EXPECT.matcher(text.get(i)).matches() && text.get(i).contains(token)) {
                        line = i + 1;
                        break;
                    }
                }
                assertTrue(line > 0, file + ": no line contains " + token);
            }
            out.add(new Expectation(file, line, List.of(m.group(3).split("\\s*\\|\\s*"))));
        }
        assertFalse(out.isEmpty(), file + " says nothing of what to expect");
        return out;
    }
}
