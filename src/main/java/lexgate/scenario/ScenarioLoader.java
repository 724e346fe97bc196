package lexgate.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every {@code *.scenarios.yaml} file under a folder (or one file), in path order. */
public final class ScenarioLoader {
    /** The suffix of scenario files. */
    public static final String SUFFIX = ".scenarios.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ScenarioLoader() {}

    /** All scenarios under {@code root}; paths are reported relative to {@code base}. */
    public static List<Scenario> load(Path base, Path root) {
        List<Path> files;
        if (Files.isRegularFile(root)) {
            files = List.of(root);
        } else {
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Scenario> out = new ArrayList<>();
        for (Path f : files) {
            String rel = base.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/');
            JsonNode doc;
            try {
                doc = YAML.readTree(f.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(rel + ": cannot be parsed: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            if (doc == null || !doc.isArray()) throw new IllegalArgumentException(rel + ": expected a list of scenarios");
            for (int i = 0; i < doc.size(); i++) out.add(parse(rel, i, doc.get(i)));
        }
        return out;
    }

    /** Parses one scenario file given as text; {@code path} names it in reports. */
    public static List<Scenario> parse(String path, String content) {
        JsonNode doc;
        try {
            doc = YAML.readTree(content);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot be parsed: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (doc == null || !doc.isArray()) throw new IllegalArgumentException(path + ": expected a list of scenarios");
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) out.add(parse(path, i, doc.get(i)));
        return out;
    }

    private static Scenario parse(String file, int i, JsonNode n) {
        String where = file + "#" + i;
        if (!n.hasNonNull("name")) throw new IllegalArgumentException(where + ": 'name' is required");
        if (!n.hasNonNull("request") || !n.get("request").isObject()) throw new IllegalArgumentException(where + ": 'request' is required");
        JsonNode e = n.path("expect");
        if (!e.hasNonNull("outcome")) throw new IllegalArgumentException(where + ": 'expect.outcome' is required");
        JsonNode ob = e.path("obligations");
        return new Scenario(file, i, n.get("name").asText(), n.path("source").asText(""), n.path("why").asText(""),
                n.get("request"), new Scenario.Expect(e.get("outcome").asText(), strings(e.path("cites")),
                ob.isBoolean() && ob.asBoolean(), strings(ob), strings(e.path("rules")), strings(e.path("silent")),
                strings(e.path("missing"))));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
