package lexgate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import lexgate.policy.YamlTree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words that go with the rules, in files beside them, read strictly (YAML 1.2, every problem
 * with its line):
 * <ul>
 *   <li>{@code X.law.yaml} beside {@code X.drl}: for each rule id, the provisions it implements,
 *       quoted word for word: {@code cite} (one of the rule's citations), {@code text}, its
 *       {@code lang} ({@code en}, {@code fr}, {@code de}: national law in its authentic language)
 *       and, for French or German, an English rendering {@code en};</li>
 *   <li>{@code X.messages.fr.yaml} and {@code X.messages.de.yaml}: for each rule id, its
 *       explanations in that language, one per finding the rule makes (a text, or a list in the
 *       order of the consequence), with the placeholders {0}, {1}, ... of the English template.</li>
 * </ul>
 */
public final class RuleTexts {
    /** The languages an answer may be given in; English is the rules' own and the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "de");
    /** The keys of a quote. */
    public static final List<String> QUOTE_KEYS = List.of("cite", "lang", "text", "en", "note");

    /** One quoted provision: the citation id, the language of the text, the text, and its English rendering (null for English). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Quote(String cite, String lang, String text, String en) {}

    /** Quotes by rule id, translations by language then rule id, where each entry was written (file:line), and problems. */
    public record Loaded(Map<String, List<Quote>> quotes, Map<String, Map<String, List<String>>> translations,
                         Map<String, String> where, List<String> problems) {}

    private RuleTexts() {}

    /** True for a file this class reads. */
    public static boolean isTextFile(String path) {
        return path.endsWith(".law.yaml") || path.matches(".*\\.messages\\.(fr|de)\\.yaml");
    }

    /** Reads every law and messages file among the files. */
    public static Loaded load(List<SourceFile> files) {
        Map<String, List<Quote>> quotes = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> translations = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (SourceFile f : files) {
            if (!isTextFile(f.path())) continue;
            YamlTree tree;
            try {
                tree = YamlTree.parse(f.path(), f.content());
            } catch (YamlTree.Invalid e) {
                problems.add(e.getMessage());
                continue;
            }
            JsonNode root = tree.root();
            if (root == null || root.isNull()) continue;
            if (!root.isObject()) {
                problems.add(tree.at("") + ": a map of rule ids is expected");
                continue;
            }
            boolean law = f.path().endsWith(".law.yaml");
            String lang = law ? null : f.path().replaceAll(".*\\.messages\\.(fr|de)\\.yaml$", "$1");
            root.fields().forEachRemaining(e -> {
                String id = e.getKey();
                String p = "/" + id.replace("~", "~0").replace("/", "~1");
                String key = law ? "law:" + id : lang + ":" + id;
                if (where.containsKey(key)) {
                    problems.add(tree.at(p + "#key") + ": rule " + id + " already has its " + (law ? "quotes" : lang + " explanations")
                            + " at " + where.get(key));
                    return;
                }
                where.put(key, tree.at(p));
                JsonNode v = e.getValue();
                if (law) {
                    List<Quote> qs = new ArrayList<>();
                    List<JsonNode> items = new ArrayList<>();
                    if (v.isArray()) v.forEach(items::add);
                    else items.add(v);
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode q = items.get(i);
                        String qp = v.isArray() ? p + "/" + i : p;
                        if (!q.isObject()) {
                            problems.add(tree.at(qp) + ": a quote is a map of cite, lang, text (and en for French or German law)");
                            continue;
                        }
                        problems.addAll(tree.unknownKeys(qp, QUOTE_KEYS, "a quote"));
                        String ql = q.path("lang").asText("en");
                        if (!LANGUAGES.contains(ql)) problems.add(tree.at(qp + "/lang") + ": lang must be en, fr or de, not '" + ql + "'");
                        if (!q.path("cite").isTextual()) problems.add(tree.at(qp) + ": a quote names the citation it quotes (cite:)");
                        if (!q.path("text").isTextual() || q.path("text").asText().isBlank()) {
                            problems.add(tree.at(qp) + ": a quote needs the text of the provision, word for word (text:)");
                        }
                        if (!ql.equals("en") && (!q.path("en").isTextual() || q.path("en").asText().isBlank())) {
                            problems.add(tree.at(qp) + ": a quote in " + ql + " needs an English rendering beside it (en:)");
                        }
                        qs.add(new Quote(q.path("cite").asText(), ql, q.path("text").asText(), q.path("en").isTextual() ? q.path("en").asText() : null));
                    }
                    quotes.put(id, List.copyOf(qs));
                } else {
                    List<String> ts = new ArrayList<>();
                    if (v.isTextual()) ts.add(v.asText());
                    else if (v.isArray()) v.forEach(x -> ts.add(x.asText()));
                    else problems.add(tree.at(p) + ": an explanation is a text, or a list of texts in the order of the rule's findings");
                    translations.computeIfAbsent(lang, k -> new LinkedHashMap<>()).put(id, List.copyOf(ts));
                }
            });
        }
        return new Loaded(quotes, translations, where, problems);
    }

    /**
     * What the texts say against the rules: unknown rule ids, quotes of provisions the rule does not
     * cite, national law not quoted in its language, translations with the wrong number of
     * explanations or placeholders; and, when {@code required}, every rule without its quotes or its
     * French and German explanations.
     */
    public static List<String> check(Loaded texts, Map<String, RuleMeta> rulesById, boolean required) {
        List<String> out = new ArrayList<>(texts.problems());
        Set<String> ids = rulesById.keySet();
        for (Map.Entry<String, List<Quote>> e : texts.quotes().entrySet()) {
            RuleMeta m = rulesById.get(e.getKey());
            String at = texts.where().get("law:" + e.getKey());
            if (m == null) {
                out.add(at + ": no rule has the id " + e.getKey() + nearest(e.getKey(), ids));
                continue;
            }
            for (Quote q : e.getValue()) {
                if (!m.citations().contains(q.cite())) {
                    out.add(at + ": rule " + m.id() + " quotes " + q.cite() + ", which it does not cite (" + String.join(", ", m.citations()) + ")");
                }
            }
        }
        for (Map.Entry<String, Map<String, List<String>>> byLang : texts.translations().entrySet()) {
            for (Map.Entry<String, List<String>> e : byLang.getValue().entrySet()) {
                RuleMeta m = rulesById.get(e.getKey());
                String at = texts.where().get(byLang.getKey() + ":" + e.getKey());
                if (m == null) {
                    out.add(at + ": no rule has the id " + e.getKey() + nearest(e.getKey(), ids));
                    continue;
                }
                List<Explanations.Template> ts = m.templates();
                if (e.getValue().size() != ts.size()) {
                    out.add(at + ": rule " + m.id() + " makes " + ts.size() + " finding(s), so it needs " + ts.size()
                            + " " + byLang.getKey() + " explanation(s), not " + e.getValue().size());
                    continue;
                }
                for (int i = 0; i < ts.size(); i++) {
                    List<Integer> want = Explanations.placeholders(ts.get(i).english());
                    List<Integer> got = Explanations.placeholders(e.getValue().get(i));
                    if (!want.equals(got)) {
                        out.add(at + ": the " + byLang.getKey() + " explanation " + (i + 1) + " of rule " + m.id() + " has the placeholders "
                                + got + ", the rule's English " + want + " (\"" + ts.get(i).english() + "\")");
                    }
                }
            }
        }
        for (RuleMeta m : rulesById.values()) {
            String at = m.file() + ":" + m.line();
            List<Quote> qs = texts.quotes().get(m.id());
            if (required && (qs == null || qs.isEmpty())) {
                out.add(at + ": rule " + m.id() + " quotes no provision: add it, word for word, to "
                        + m.file().replace(".drl", ".law.yaml"));
            }
            if (qs != null) {
                if ("FR".equals(m.jurisdiction()) && m.citations().stream().anyMatch(c -> c.startsWith("fr-ldl") || c.startsWith("fr-c"))
                        && qs.stream().noneMatch(q -> q.lang().equals("fr"))) {
                    out.add(at + ": rule " + m.id() + " implements French law: quote it in French (lang: fr), with an English rendering");
                }
                if ("DE".equals(m.jurisdiction()) && m.citations().stream().anyMatch(c -> c.startsWith("de-") && !c.startsWith("de-dsk"))
                        && qs.stream().noneMatch(q -> q.lang().equals("de"))) {
                    out.add(at + ": rule " + m.id() + " implements German law: quote it in German (lang: de), with an English rendering");
                }
            }
            if (required && !m.templates().isEmpty()) {
                for (String lang : List.of("fr", "de")) {
                    if (!texts.translations().getOrDefault(lang, Map.of()).containsKey(m.id())) {
                        out.add(at + ": rule " + m.id() + " has no " + (lang.equals("fr") ? "French" : "German") + " explanation: add it to "
                                + m.file().replace(".drl", ".messages." + lang + ".yaml"));
                    }
                }
            }
        }
        return out;
    }

    private static String nearest(String id, Set<String> ids) {
        String n = lexgate.policy.Suggest.nearest(id, ids);
        return n == null ? "" : "; did you mean " + n + "?";
    }
}
