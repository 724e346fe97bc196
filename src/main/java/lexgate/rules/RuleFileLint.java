package lexgate.rules;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata lint, on rule files as Drools' parser read them (after {@link RuleAllowList}): the
 * package matches the folder, and every rule carries a unique {@code @id}, at least one
 * {@code @cite} known to the citation catalogue, a {@code @jurisdiction}, a valid {@code @inForce}
 * date and, if any, an {@code @until} after it. Every problem names the line of the metadata concerned.
 */
public final class RuleFileLint {
    /** The only package a rule file may import from. */
    public static final String VOCABULARY = "lexgate.vocabulary";

    /** One rule as the file declares it. */
    public record Declared(String file, int line, String packageName, String name, Map<String, String> meta) {}

    /** The result of linting a set of files: what they declare and what is wrong. */
    public record Result(List<Declared> rules, List<String> problems) {}

    private RuleFileLint() {}

    /**
     * Lints parsed rule files (file path to its parsed package; {@code contents} gives each file's text,
     * to find the line of each metadata key); {@code knownCitations} is the catalogue.
     */
    public static Result lint(Map<String, PackageDescr> files, Map<String, String> contents, Set<String> knownCitations) {
        return lint(files, contents, knownCitations, null);
    }

    /** The same, also checking each {@code @jurisdiction} against the known layers (null: not checked). */
    public static Result lint(Map<String, PackageDescr> files, Map<String, String> contents, Set<String> knownCitations,
                              Set<String> jurisdictions) {
        KNOWN_LAYERS.set(jurisdictions);
        try {
            return lintAll(files, contents, knownCitations);
        } finally {
            KNOWN_LAYERS.remove();
        }
    }

    /** The layers a @jurisdiction may name, for the lint running on this thread. */
    private static final ThreadLocal<Set<String>> KNOWN_LAYERS = new ThreadLocal<>();

    private static Result lintAll(Map<String, PackageDescr> files, Map<String, String> contents, Set<String> knownCitations) {
        List<Declared> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> seenIds = new HashMap<>();
        for (Map.Entry<String, PackageDescr> f : files.entrySet()) {
            String[] lines = contents.getOrDefault(f.getKey(), "").split("\n", -1);
            lintFile(f.getKey(), f.getValue(), lines, knownCitations, rules, problems, seenIds);
        }
        return new Result(rules, problems);
    }

    /** The line of {@code @key(} between the rule's line and its 'when'; the rule's line if not found. */
    static int metaLine(String[] lines, int ruleLine, String key) {
        for (int i = Math.max(0, ruleLine - 1); i < lines.length; i++) {
            String l = lines[i].replaceFirst("//.*$", "");
            if (l.matches("\\s*when\\b.*")) break;
            if (l.matches(".*@" + java.util.regex.Pattern.quote(key) + "\\s*\\(.*")) return i + 1;
        }
        return ruleLine;
    }

    private static void lintFile(String path, PackageDescr pd, String[] lines, Set<String> knownCitations, List<Declared> rules,
                                 List<String> problems, Map<String, String> seenIds) {
        String pkg = pd.getName();
        if (pkg == null || pkg.isBlank()) {
            problems.add(path + ":1: the file has no package line; write 'package " + expectedPackage(path) + ";'");
        } else {
            String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            if (!folder.endsWith(pkg.replace('.', '/'))) {
                problems.add(path + ":" + Math.max(1, pd.getLine()) + ": package " + pkg + " does not match the folder; write 'package "
                        + expectedPackage(path) + ";' (the package names the folders under rules/)");
            }
        }
        for (RuleDescr r : pd.getRules()) {
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, Integer> metaLines = new HashMap<>();
            for (String key : r.getAnnotationNames()) {
                AnnotationDescr ad = r.getAnnotation(key);
                Object v = ad.getSingleValueStripped();
                meta.put(key, v == null ? "" : v.toString().trim());
                metaLines.put(key, ad.getLine() > 0 ? ad.getLine() : metaLine(lines, r.getLine(), key));
            }
            Declared d = new Declared(path, r.getLine(), pkg, r.getName(), meta);
            rules.add(d);
            checkMeta(d, metaLines, knownCitations, problems, seenIds);
        }
    }

    /** "rules/fr/cnil/cnil.drl" gives "fr.cnil". */
    static String expectedPackage(String path) {
        String p = path.startsWith("rules/") ? path.substring("rules/".length()) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "rules" : p.substring(0, slash).replace('/', '.');
    }

    private static void checkMeta(Declared d, Map<String, Integer> lines, Set<String> known, List<String> problems,
                                  Map<String, String> seenIds) {
        String rule = "rule \"" + d.name() + "\" ";
        String at = d.file() + ":";
        int ruleLine = d.line();
        String id = d.meta().get("id");
        if (id == null || id.isBlank()) {
            problems.add(at + ruleLine + ": " + rule + "has no @id; add @id(\"...\"), a stable unique id such as "
                    + expectedPackage(d.file()) + ".short-name");
        } else if (seenIds.containsKey(id)) {
            problems.add(at + lines.get("id") + ": " + rule + "repeats @id(\"" + id + "\") already used at " + seenIds.get(id));
        } else {
            seenIds.put(id, d.file() + ":" + ruleLine);
        }
        List<String> cites = citations(d.meta().get("cite"));
        if (cites.isEmpty()) problems.add(at + lines.getOrDefault("cite", ruleLine) + ": " + rule + "has no @cite; name the provision it implements");
        for (String c : cites) {
            if (!known.contains(c)) {
                String near = VocabularyIndex.nearest(c, known);
                problems.add(at + lines.get("cite") + ": " + rule + "cites " + c + ", which policies/citations.yaml does not know"
                        + (near != null ? "; did you mean " + near + "?" : "; add it there with its label and official URL"));
            }
        }
        String j = d.meta().get("jurisdiction");
        Set<String> layers = KNOWN_LAYERS.get();
        if (j == null || j.isBlank()) {
            problems.add(at + ruleLine + ": " + rule + "has no @jurisdiction (EU, FR, DE, ...)");
        } else if (layers != null && !layers.contains(j)) {
            String near = VocabularyIndex.nearest(j, layers);
            problems.add(at + lines.getOrDefault("jurisdiction", ruleLine) + ": " + rule + "@jurisdiction(\"" + j
                    + "\") is not a layer of policies/jurisdictions.yaml; write one of " + String.join(", ", new java.util.TreeSet<>(layers))
                    + (near != null ? " (did you mean " + near + "?)" : ""));
        }
        LocalDate from = date(d.meta().get("inForce"), at + lines.getOrDefault("inForce", ruleLine) + ": " + rule + "@inForce", problems, true);
        LocalDate until = date(d.meta().get("until"), at + lines.getOrDefault("until", ruleLine) + ": " + rule + "@until", problems, false);
        if (from != null && until != null && !until.isAfter(from)) {
            problems.add(at + lines.get("until") + ": " + rule + "@until " + until + " is not after @inForce " + from);
        }
    }

    private static LocalDate date(String v, String what, List<String> problems, boolean required) {
        if (v == null || v.isBlank()) {
            if (required) problems.add(what + " is missing: the day the provision applies from, as YYYY-MM-DD");
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(what + " is not a date of the form YYYY-MM-DD: " + v);
            return null;
        }
    }

    /** Splits an {@code @cite} value on commas and spaces. */
    public static List<String> citations(String cite) {
        if (cite == null) return List.of();
        return Arrays.stream(cite.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
