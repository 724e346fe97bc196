package lexgate.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import lexgate.decision.OperationRequest;
import lexgate.policy.Suggest;
import lexgate.policy.YamlTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads {@code *.scenarios.yaml} files (YAML 1.2, every node with its line) and checks them strictly:
 * a key that a scenario, its {@code expect} or the contract's request does not know is an error
 * naming the file and line, with the nearest known key suggested; so a scenario never asserts less
 * than its author thinks. Every problem of a file is reported at once.
 */
public final class ScenarioLoader {
    /** The suffix of scenario files. */
    public static final String SUFFIX = ".scenarios.yaml";
    /** The keys of a scenario. */
    public static final List<String> KEYS = List.of("name", "source", "why", "notes", "request", "expect");
    /** The keys of a scenario's expect. */
    public static final List<String> EXPECT_KEYS = List.of("outcome", "cites", "obligations", "rules", "silent", "missing",
            "supervision", "fineTiers", "exposure");
    /** The keys of an expected supervision. */
    public static final List<String> SUPERVISION_KEYS = List.of("lead", "concerned");
    private static final java.util.regex.Pattern TIER = java.util.regex.Pattern.compile("83\\([456]\\)|none");
    private static final List<String> OUTCOMES = List.of("ALLOW", "DENY", "REVIEW");

    private ScenarioLoader() {}

    /** Scenario files that cannot be used as written: every problem, located. */
    public static final class Invalid extends IllegalArgumentException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        /** Every problem as {@code file:line:column: message}. */
        public List<String> problems() {
            return problems;
        }
    }

    /** All scenarios under {@code root}; paths are reported relative to {@code base}. */
    public static List<Scenario> load(Path base, Path root) {
        List<String> problems = new ArrayList<>();
        List<Scenario> out = load(base, root, problems);
        if (!problems.isEmpty()) throw new Invalid(problems);
        return out;
    }

    /**
     * The scenarios of every file that reads without a problem; the problems of the others are added
     * to {@code problems} (so that a check reports everything in one run).
     */
    public static List<Scenario> load(Path base, Path root, List<String> problems) {
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
            String content;
            try {
                content = Files.readString(f);
            } catch (IOException e) {
                problems.add(rel + ":1:1: cannot be read: " + e.getMessage());
                continue;
            }
            try {
                out.addAll(parse(rel, content));
            } catch (Invalid e) {
                problems.addAll(e.problems());
            }
        }
        return out;
    }

    /** Parses one scenario file given as text; {@code path} names it in reports. */
    public static List<Scenario> parse(String path, String content) {
        YamlTree tree;
        try {
            tree = YamlTree.parse(path, content);
        } catch (YamlTree.Invalid e) {
            throw new Invalid(List.of(e.getMessage()));
        }
        JsonNode doc = tree.root();
        if (doc == null || doc.isNull()) return List.of();
        if (!doc.isArray()) throw new Invalid(List.of(tree.at("") + ": a scenario file is a list of scenarios, each starting with '- name:'"));
        List<Scenario> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            Scenario s = parse(tree, i, doc.get(i), problems);
            if (s != null) out.add(s);
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        return out;
    }

    private static Scenario parse(YamlTree tree, int i, JsonNode n, List<String> problems) {
        String p = "/" + i;
        String where = tree.at(p) + ": scenario " + (i + 1);
        if (!n.isObject()) {
            problems.add(where + " is not a map of name, request, expect");
            return null;
        }
        int before = problems.size();
        problems.addAll(tree.unknownKeys(p, KEYS, "a scenario"));
        if (!n.hasNonNull("name") || !n.get("name").isTextual()) problems.add(where + ": 'name' is required");
        if (!n.hasNonNull("request") || !n.get("request").isObject()) {
            problems.add(where + ": 'request' is required: the request body, as the contract defines it");
        } else {
            unknownRequestFields(tree, p + "/request", n.get("request"), OperationRequest.class, "", problems);
        }
        JsonNode e = n.path("expect");
        if (!e.isObject()) {
            problems.add(where + ": 'expect' is required, with at least an outcome");
        } else {
            problems.addAll(tree.unknownKeys(p + "/expect", EXPECT_KEYS, "expect"));
            String outcome = e.path("outcome").asText("");
            if (!OUTCOMES.contains(outcome)) {
                String near = Suggest.nearest(outcome, OUTCOMES);
                problems.add(tree.at(p + "/expect/outcome") + ": expect.outcome must be ALLOW, DENY or REVIEW"
                        + (e.has("outcome") ? ", not '" + outcome + "'" : "") + (near != null ? "; did you mean " + near + "?" : ""));
            }
            for (String k : List.of("cites", "rules", "silent", "missing")) {
                if (e.has(k) && !e.get(k).isArray()) problems.add(tree.at(p + "/expect/" + k) + ": expect." + k + " must be a list [a, b]");
            }
            JsonNode sup = e.path("supervision");
            if (!sup.isMissingNode()) {
                if (!sup.isObject()) {
                    problems.add(tree.at(p + "/expect/supervision") + ": expect.supervision is a map { lead: id or none, concerned: [ids] }");
                } else {
                    problems.addAll(tree.unknownKeys(p + "/expect/supervision", SUPERVISION_KEYS, "expect.supervision"));
                    if (!sup.path("lead").isTextual()) {
                        problems.add(tree.at(p + "/expect/supervision") + ": expect.supervision.lead is required: an authority id, or none");
                    }
                    if (sup.has("concerned") && !sup.get("concerned").isArray()) {
                        problems.add(tree.at(p + "/expect/supervision/concerned") + ": expect.supervision.concerned must be a list [a, b]");
                    }
                }
            }
            JsonNode ft = e.path("fineTiers");
            if (!ft.isMissingNode()) {
                if (!ft.isObject()) {
                    problems.add(tree.at(p + "/expect/fineTiers") + ": expect.fineTiers is a map { rule id: 83(4), 83(5), 83(6) or none }");
                } else {
                    ft.fields().forEachRemaining(en -> {
                        if (!en.getValue().isTextual() || !TIER.matcher(en.getValue().asText()).matches()) {
                            problems.add(tree.at(p + "/expect/fineTiers/" + en.getKey()) + ": a fine tier is 83(4), 83(5), 83(6) or none");
                        }
                    });
                }
            }
            JsonNode ex = e.path("exposure");
            if (!ex.isMissingNode() && (!ex.isTextual() || !TIER.matcher(ex.asText()).matches())) {
                problems.add(tree.at(p + "/expect/exposure") + ": expect.exposure is 83(4), 83(5), 83(6) or none");
            }
            JsonNode ob = e.path("obligations");
            if (!ob.isMissingNode() && !ob.isArray() && !ob.isBoolean()) {
                problems.add(tree.at(p + "/expect/obligations") + ": expect.obligations is a list of actions, or true");
            }
        }
        if (problems.size() > before) return null;
        JsonNode ob = e.path("obligations");
        return new Scenario(tree.file(), i, tree.line(p), n.get("name").asText(), n.path("source").asText(""),
                n.path("why").asText(""), n.get("request"), new Scenario.Expect(e.get("outcome").asText(),
                strings(e.path("cites")), ob.isBoolean() && ob.asBoolean(), strings(ob), strings(e.path("rules")),
                strings(e.path("silent")), strings(e.path("missing")),
                e.path("supervision").isObject() ? new Scenario.Supervision(e.path("supervision").path("lead").asText(),
                        e.path("supervision").has("concerned") ? strings(e.path("supervision").path("concerned")) : null) : null,
                fineTiers(e.path("fineTiers")), e.has("exposure") ? e.get("exposure").asText() : null), tree);
    }

    /** Fields of the request that the contract's request type does not have, located and with a suggestion. */
    private static void unknownRequestFields(YamlTree tree, String pointer, JsonNode node, Class<?> type, String field,
                                             List<String> problems) {
        if (!type.isRecord() || !node.isObject()) return;
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) names.add(c.getName());
        node.fieldNames().forEachRemaining(k -> {
            String path = field.isEmpty() ? k : field + "." + k;
            int idx = names.indexOf(k);
            if (idx < 0) {
                String near = Suggest.nearest(k, names);
                problems.add(tree.at(pointer + "/" + k + "#key") + ": '" + path + "' is not a field of the request (decision-api-v1)"
                        + (near != null ? "; did you mean '" + (field.isEmpty() ? near : field + "." + near) + "'?" : ""));
                return;
            }
            RecordComponent c = type.getRecordComponents()[idx];
            JsonNode child = node.get(k);
            Class<?> ct = c.getType();
            if (List.class.isAssignableFrom(ct) && child.isArray()) {
                Type g = c.getGenericType();
                if (g instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> elem) {
                    for (int i = 0; i < child.size(); i++) {
                        unknownRequestFields(tree, pointer + "/" + k + "/" + i, child.get(i), elem, path + "[" + i + "]", problems);
                    }
                }
            } else {
                unknownRequestFields(tree, pointer + "/" + k, child, ct, path, problems);
            }
        });
    }

    private static java.util.Map<String, String> fineTiers(JsonNode n) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (n.isObject()) n.fields().forEachRemaining(en -> out.put(en.getKey(), en.getValue().asText()));
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
