package lexgate.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The escape-attempt corpus (src/test/resources/escapes, see its MANIFEST.md): one rule file per attempt. */
public final class EscapeCorpus {
    /** Where the corpus lives. */
    public static final Path DIR = Path.of("src/test/resources/escapes");
    /** Where a successful attempt would leave its marker. */
    public static final Path MARKERS = Path.of("/tmp/lexgate-escape");
    /** The secret attempts try to leak (set for the tests by the build, see pom.xml). */
    public static final String SECRET = System.getenv().getOrDefault("LEXGATE_ESCAPE_SECRET", "s3cr3t-escape-7f3a");

    private EscapeCorpus() {}

    /** One attempt: its file name and text. */
    public record Attempt(String name, String content) {
        /** The path it is installed at: rules/escapes/NAME. */
        public String path() {
            return "rules/escapes/" + name;
        }

        /** The marker file it would create if it ran. */
        public Path marker() {
            return MARKERS.resolve(name.replace(".drl", ""));
        }
    }

    /** Every attempt, in file order. */
    public static List<Attempt> attempts() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".drl")).sorted().map(p -> {
                try {
                    return new Attempt(p.getFileName().toString(), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when any attempt left a marker. */
    public static List<String> markers() {
        if (!Files.isDirectory(MARKERS)) return List.of();
        try (Stream<Path> s = Files.list(MARKERS)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
