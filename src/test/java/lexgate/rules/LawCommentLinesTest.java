package lexgate.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each quote in a {@code *.law.yaml} file has a comment that names its rule's file and line
 * ({@code # Title (rules/…/x.drl:LINE), cites …}); a reader follows it to find the rule. A rule added
 * above moves every line below it, and twice such comments drifted by the dozen unnoticed; this
 * test names each comment that no longer points at the {@code rule} line of the id under it.
 */
class LawCommentLinesTest {

    private static final Pattern COMMENT = Pattern.compile("^# .*\\((rules/[^:)]+\\.drl):(\\d+)\\)");

    @Test
    void everyQuoteCommentPointsAtItsRule() throws IOException {
        List<String> stale = new ArrayList<>();
        int checked = 0;
        List<Path> laws;
        try (Stream<Path> walk = Files.walk(Path.of("rules"))) {
            laws = walk.filter(p -> p.toString().endsWith(".law.yaml")).sorted().toList();
        }
        for (Path law : laws) {
            List<String> lines = Files.readAllLines(law);
            for (int i = 0; i + 1 < lines.size(); i++) {
                Matcher m = COMMENT.matcher(lines.get(i));
                if (!m.find()) continue;
                String id = lines.get(i + 1).trim().replaceAll(":$", "");
                int actual = ruleLine(Path.of(m.group(1)), id);
                checked++;
                if (actual != Integer.parseInt(m.group(2))) {
                    stale.add(law + ":" + (i + 1) + " says " + m.group(1) + ":" + m.group(2) + " for " + id
                            + (actual < 0 ? ", which that file does not hold" : ", but the rule starts at line " + actual));
                }
            }
        }
        assertTrue(checked > 200, "only " + checked + " comments found: has their form changed?");
        assertEquals(List.of(), stale);
    }

    /** The 1-based line of the {@code rule "…"} that carries {@code @id("id")}, or -1. */
    private static int ruleLine(Path drl, String id) throws IOException {
        if (!Files.exists(drl)) return -1;
        List<String> lines = Files.readAllLines(drl);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("@id(\"" + id + "\")")) continue;
            for (int k = i; k >= 0; k--) if (lines.get(k).startsWith("rule ")) return k + 1;
        }
        return -1;
    }
}
