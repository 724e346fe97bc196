package lexgate.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys each policy file may use: the file's top key, and the keys of each entry of it. A key
 * outside these (a typo such as {@code contractul:}) is an error naming its file and line, never a
 * value silently ignored.
 */
final class PolicySchema {
    /** One policy file: its top-level keys, the key that holds its entries (a map or a list), and the entries' keys. */
    record Spec(List<String> top, String entries, List<String> entryKeys) {}

    /** Every policy file Lexgate reads. */
    static final Map<String, Spec> FILES = new LinkedHashMap<>();

    static {
        FILES.put("lexgate.yaml", new Spec(List.of("gdprAppliesFrom"), null, List.of()));
        FILES.put("purposes.yaml", new Spec(List.of("purposes"), "purposes", List.of("label", "contractual", "precontractual",
                "strictlyNecessaryTrackers", "expectedCategories", "compatibleWith", "subjects", "source", "sources")));
        FILES.put("data-categories.yaml", new Spec(List.of("categories"), "categories", List.of("label", "kind", "source")));
        FILES.put("subject-categories.yaml", new Spec(List.of("categories"), "categories", List.of("label", "source")));
        FILES.put("characteristics.yaml", new Spec(List.of("characteristics"), "characteristics", List.of("label", "source")));
        FILES.put("citations.yaml", new Spec(List.of("citations"), "citations", List.of("label", "url")));
        FILES.put("countries.yaml", new Spec(List.of("countries"), "countries", List.of("name", "eea")));
        FILES.put("adequacy.yaml", new Spec(List.of("decisions"), "decisions", List.of("country", "decision", "from", "until", "mechanisms", "scope", "cite")));
        FILES.put("consent-ages.yaml", new Spec(List.of("ages"), "ages", List.of("country", "age", "source", "from", "until", "everyConsent", "cite")));
        FILES.put("retention.yaml", new Spec(List.of("limits"), "limits", List.of("purpose", "jurisdiction", "period", "source",
                "from", "until", "categories", "effect", "cite")));
        FILES.put("jurisdictions.yaml", new Spec(List.of("layers"), "layers", List.of("name")));
        FILES.put("authorities.yaml", new Spec(List.of("authorities"), "authorities", List.of("name", "country", "region", "bodies", "source")));
        FILES.put("formalities.yaml", new Spec(List.of("frameworks"), "frameworks", List.of("code", "country", "title", "source",
                "bases", "from", "until", "cite")));
        FILES.put("fine-tiers.yaml", new Spec(List.of("tiers"), "tiers", List.of("rank", "maximum", "source", "provisions")));
    }

    private PolicySchema() {}

    /** Every key of the file that its spec does not allow, with file and line. */
    static List<String> unknownKeys(String file, YamlTree tree) {
        Spec spec = FILES.get(file);
        List<String> out = new ArrayList<>();
        if (spec == null || !tree.root().isObject()) return out;
        out.addAll(tree.unknownKeys("", spec.top(), file));
        if (spec.entries() == null) return out;
        JsonNode entries = tree.root().path(spec.entries());
        String what = "an entry of " + file;
        if (entries.isObject()) {
            entries.fieldNames().forEachRemaining(code -> out.addAll(
                    tree.unknownKeys("/" + spec.entries() + "/" + code.replace("~", "~0").replace("/", "~1"), spec.entryKeys(), what)));
        } else if (entries.isArray()) {
            for (int i = 0; i < entries.size(); i++) out.addAll(tree.unknownKeys("/" + spec.entries() + "/" + i, spec.entryKeys(), what));
        }
        return out;
    }
}
