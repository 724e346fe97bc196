package lexgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import lexgate.vocabulary.Adequacy;
import lexgate.vocabulary.ConsentAge;
import lexgate.vocabulary.Country;
import lexgate.vocabulary.NationalLayer;
import lexgate.vocabulary.Purpose;
import lexgate.vocabulary.RetentionLimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads the YAML files of a policies directory into a {@link PolicySet}. */
public final class PolicyLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> files;
    private final List<String> problems = new ArrayList<>();

    private PolicyLoader(Map<String, String> files) { this.files = files; }

    /** Loads the policies in {@code dir}; throws {@link PolicyException} listing every problem. */
    public static PolicySet load(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) files.put(p.getFileName().toString(), Files.readString(p));
        } catch (IOException e) {
            throw new PolicyException(List.of(dir + ": cannot be read: " + e.getMessage()));
        }
        return load(files);
    }

    /** Loads policies from file contents keyed by file name ("purposes.yaml"). */
    public static PolicySet load(Map<String, String> files) {
        return new PolicyLoader(files).load();
    }

    private PolicySet load() {
        for (String name : files.keySet()) {
            if (!PolicySchema.FILES.containsKey(name)) {
                problems.add(name + ":1: not a policy file Lexgate reads (" + String.join(", ", PolicySchema.FILES.keySet())
                        + ")" + (Suggest.nearest(name, PolicySchema.FILES.keySet()) != null
                        ? "; did you mean " + Suggest.nearest(name, PolicySchema.FILES.keySet()) + "?" : ""));
            }
        }
        JsonNode settings = read("lexgate.yaml");
        JsonNode purposes = read("purposes.yaml");
        JsonNode dataCats = read("data-categories.yaml");
        JsonNode subjects = read("subject-categories.yaml");
        JsonNode chars = read("characteristics.yaml");
        JsonNode cites = read("citations.yaml");
        JsonNode countries = read("countries.yaml");
        JsonNode adequacy = read("adequacy.yaml");
        JsonNode ages = read("consent-ages.yaml");
        JsonNode retention = read("retention.yaml");
        JsonNode juris = read("jurisdictions.yaml");
        // Optional: a policies directory without them has no supervision table and no fine tiers.
        JsonNode auths = files.containsKey("authorities.yaml") ? read("authorities.yaml") : emptyMap("authorities");
        JsonNode tiers = files.containsKey("fine-tiers.yaml") ? read("fine-tiers.yaml") : emptyMap("tiers");
        // Optional too: without it no declared conformity replaces an authorisation.
        JsonNode frameworks = files.containsKey("formalities.yaml") ? read("formalities.yaml") : YAML.createObjectNode();
        if (!problems.isEmpty()) throw new PolicyException(problems);

        Set<String> subjectSet = new LinkedHashSet<>();
        fields(subjects.path("categories"), "subject-categories.yaml", (code, n) -> subjectSet.add(code));
        Map<String, Purpose> purposeMap = new TreeMap<>();
        fields(purposes.path("purposes"), "purposes.yaml", (code, n) -> {
            List<String> concerns = strings(n.path("subjects"));
            for (String s : concerns) {
                if (!subjectSet.contains(s)) {
                    problems.add("purposes.yaml " + code + ": subject category '" + s + "' is not in subject-categories.yaml");
                }
            }
            purposeMap.put(code, new Purpose(code,
                    n.path("label").asText(code), n.path("contractual").asBoolean(false),
                    n.path("precontractual").asBoolean(false), n.path("strictlyNecessaryTrackers").asBoolean(false),
                    strings(n.path("expectedCategories")), strings(n.path("compatibleWith")), concerns));
        });
        Map<String, String> kinds = new TreeMap<>();
        fields(dataCats.path("categories"), "data-categories.yaml",
                (code, n) -> kinds.put(code, n.path("kind").asText("ordinary")));
        Set<String> charSet = new LinkedHashSet<>();
        fields(chars.path("characteristics"), "characteristics.yaml", (code, n) -> charSet.add(code));
        Map<String, Citation> citeMap = new TreeMap<>();
        fields(cites.path("citations"), "citations.yaml", (id, n) -> citeMap.put(id,
                new Citation(id, required(n, "label", "citations.yaml " + id), n.path("url").asText(null))));
        List<Country> countryList = new ArrayList<>();
        fields(countries.path("countries"), "countries.yaml", (code, n) ->
                countryList.add(new Country(code, n.path("name").asText(code), n.path("eea").asBoolean(false))));
        List<Adequacy> adequacyList = new ArrayList<>();
        for (JsonNode n : adequacy.path("decisions")) {
            adequacyList.add(new Adequacy(required(n, "country", "adequacy.yaml"), required(n, "decision", "adequacy.yaml"),
                    date(n, "from", "adequacy.yaml"), date(n, "until", "adequacy.yaml"), strings(n.path("mechanisms")),
                    scope(n), cites(n, "adequacy.yaml", citeMap)));
        }
        List<ConsentAge> ageList = new ArrayList<>();
        for (JsonNode n : ages.path("ages")) {
            ageList.add(new ConsentAge(required(n, "country", "consent-ages.yaml"), n.path("age").asInt(16),
                    n.path("source").asText(""), date(n, "from", "consent-ages.yaml"), date(n, "until", "consent-ages.yaml"),
                    n.path("everyConsent").asBoolean(false), cites(n, "consent-ages.yaml", citeMap)));
        }
        List<RetentionLimit> limits = new ArrayList<>();
        for (JsonNode n : retention.path("limits")) {
            String period = required(n, "period", "retention.yaml");
            try {
                java.time.Period.parse(period);
            } catch (RuntimeException e) {
                problems.add("retention.yaml: period '" + period + "' is not an ISO-8601 period such as P3D or P10Y");
            }
            limits.add(new RetentionLimit(required(n, "purpose", "retention.yaml"), n.path("jurisdiction").asText("EU"),
                    period, n.path("source").asText(""), date(n, "from", "retention.yaml"), date(n, "until", "retention.yaml"),
                    retentionCategories(n, kinds), retentionEffect(n), cites(n, "retention.yaml", citeMap)));
        }
        List<NationalLayer> jurisdictions = new ArrayList<>();
        fields(juris.path("layers"), "jurisdictions.yaml",
                (code, n) -> jurisdictions.add(new NationalLayer(code, n.path("name").asText(code))));
        List<lexgate.vocabulary.Authority> authorities = new ArrayList<>();
        fields(auths.path("authorities"), "authorities.yaml", (id, n) -> {
            String bodies = n.path("bodies").asText("all");
            if (!List.of("all", "private", "public", "federal").contains(bodies)) {
                problems.add("authorities.yaml " + id + ": bodies '" + bodies + "' is not one of all, private, public, federal");
            }
            authorities.add(new lexgate.vocabulary.Authority(id, required(n, "name", "authorities.yaml " + id),
                    required(n, "country", "authorities.yaml " + id), n.path("region").asText(null), bodies));
        });
        List<FineTier> fineTiers = new ArrayList<>();
        fields(tiers.path("tiers"), "fine-tiers.yaml", (tier, n) -> {
            List<String> provisions = strings(n.path("provisions"));
            for (String p : provisions) {
                // The tiers list the provisions as Art. 83 names them, cited by a rule or not yet.
                if (!p.matches("[a-z]{2,}-[a-z0-9]+:[A-Za-z0-9-]+")) {
                    problems.add("fine-tiers.yaml " + tier + ": provision '" + p + "' is not a citation id such as eu-gdpr:A6");
                }
            }
            fineTiers.add(new FineTier(tier, n.path("rank").asInt(0), required(n, "maximum", "fine-tiers.yaml " + tier), provisions));
        });
        List<lexgate.vocabulary.ReferenceFramework> frameworkList = new ArrayList<>();
        for (JsonNode n : frameworks.path("frameworks")) {
            String code = required(n, "code", "formalities.yaml");
            List<String> bases = strings(n.path("bases"));
            for (String b : bases) {
                if (!b.matches("6\\(1\\)\\([a-f]\\)")) {
                    problems.add("formalities.yaml " + code + ": basis '" + b + "' is not an Art. 6(1) basis such as 6(1)(e)");
                }
            }
            frameworkList.add(new lexgate.vocabulary.ReferenceFramework(code, required(n, "country", "formalities.yaml " + code),
                    required(n, "title", "formalities.yaml " + code), n.path("source").asText(""), bases,
                    date(n, "from", "formalities.yaml " + code), date(n, "until", "formalities.yaml " + code),
                    cites(n, "formalities.yaml " + code, citeMap)));
        }
        LocalDate appliesFrom = date(settings, "gdprAppliesFrom", "lexgate.yaml");
        if (appliesFrom == null) problems.add("lexgate.yaml: gdprAppliesFrom is required");
        if (!problems.isEmpty()) throw new PolicyException(problems);
        return new PolicySet(appliesFrom, purposeMap, kinds, subjectSet, charSet, citeMap, countryList,
                adequacyList, ageList, limits, jurisdictions, List.copyOf(authorities), List.copyOf(fineTiers),
                List.copyOf(frameworkList));
    }

    private JsonNode read(String name) {
        String content = files.get(name);
        if (content == null) {
            problems.add(name + ": missing");
            return YAML.createObjectNode();
        }
        try {
            YamlTree tree = YamlTree.parse(name, content);
            problems.addAll(PolicySchema.unknownKeys(name, tree));
            JsonNode n = tree.root();
            return n == null || n.isNull() ? YAML.createObjectNode() : n;
        } catch (YamlTree.Invalid e) {
            problems.add(e.getMessage());
            return YAML.createObjectNode();
        }
    }

    private static JsonNode emptyMap(String key) {
        var n = YAML.createObjectNode();
        n.putObject(key);
        return n;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private interface Entry { void accept(String key, JsonNode value); }

    private void fields(JsonNode map, String file, Entry entry) {
        if (!map.isObject()) {
            problems.add(file + ": expected a map of codes");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            var e = it.next();
            entry.accept(e.getKey(), e.getValue() == null ? YAML.createObjectNode() : e.getValue());
        }
    }

    /** {@code categories} of a retention limit: data-category codes. */
    private List<String> retentionCategories(JsonNode n, Map<String, String> kinds) {
        List<String> out = strings(n.path("categories"));
        for (String c : out) {
            if (!kinds.containsKey(c)) {
                problems.add("retention.yaml " + n.path("purpose").asText("?") + ": category '" + c + "' is not in data-categories.yaml");
            }
        }
        return out;
    }

    /** {@code effect} of a retention limit: {@code deny} (the default) or {@code review}. */
    private boolean retentionEffect(JsonNode n) {
        return oneOf(n, "effect", List.of("deny", "review"), "retention.yaml " + n.path("purpose").asText("?")).equals("review");
    }

    /** {@code scope} of an adequacy decision: {@code country} (the default) or {@code certified}. */
    private boolean scope(JsonNode n) {
        return !oneOf(n, "scope", List.of("country", "certified"), "adequacy.yaml " + n.path("country").asText("?")).equals("certified");
    }

    /** The value of a key with a closed set of values, the first being the default; another value is a problem. */
    private String oneOf(JsonNode n, String key, List<String> allowed, String where) {
        String value = n.path(key).asText(allowed.get(0));
        if (!allowed.contains(value)) {
            problems.add(where + ": " + key + " '" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    private String required(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            problems.add(where + ": '" + field + "' is required");
            return "";
        }
        return v.asText();
    }

    private LocalDate date(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        try {
            return LocalDate.parse(v.asText());
        } catch (RuntimeException e) {
            problems.add(where + ": '" + field + "' is not an ISO date: " + v.asText());
            return null;
        }
    }

    /** The entry's {@code cite:} (a list of citation ids), each checked against citations.yaml. */
    private List<String> cites(JsonNode n, String file, Map<String, Citation> citeMap) {
        List<String> ids = n.path("cite").isTextual() ? List.of(n.path("cite").asText().split("\\s*,\\s*")) : strings(n.path("cite"));
        for (String id : ids) {
            if (!citeMap.containsKey(id)) {
                String near = Suggest.nearest(id, citeMap.keySet());
                problems.add(file + ": cite '" + id + "' is not in citations.yaml" + (near == null ? "" : "; did you mean " + near + "?"));
            }
        }
        return ids;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        if (arr.isArray()) arr.forEach(x -> out.add(x.asText()));
        return out;
    }
}
