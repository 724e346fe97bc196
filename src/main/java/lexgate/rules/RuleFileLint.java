package lexgate.rules;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rule files before Drools sees them. Rule files are untrusted code: they may import only
 * the vocabulary and call nothing outside it. Every rule must carry its metadata: a unique
 * {@code @id}, at least one {@code @cite} known to the citation catalogue, a {@code @jurisdiction},
 * and a valid {@code @inForce} date (and {@code @until}, if any, after it).
 */
public final class RuleFileLint {
    /** The only package a rule file may import from. */
    public static final String VOCABULARY = "lexgate.vocabulary";

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+|function\\s+)?([\\w.*]+)\\s*;?");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern META = Pattern.compile("@(\\w+)\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");
    /** Names that reach outside the vocabulary: I/O, network, process, reflection, threads, class loading, engine internals. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(java|javax|jdk|sun|com|org|io|net)\\s*\\.\\s*\\w|\\b(System|Runtime|ProcessBuilder|Thread|ThreadGroup|"
                    + "ClassLoader|Class|Method|Field|Constructor|Files|Paths|Path|File|Socket|URL|URI|Unsafe|"
                    + "MethodHandles|ScriptEngine|Executors|ForkJoinPool)\\b|\\bgetClass\\s*\\(|\\bforName\\s*\\(|"
                    + "\\bdrools\\s*\\.\\s*(getKieRuntime|getWorkingMemory|getKnowledgeRuntime|getRuleUnit)|\\bkcontext\\b|"
                    + "\\bexitpoints\\b|\\bentry-point\\b|\\bfrom\\s+(entry-point|accumulate\\s*\\(\\s*\\w+\\s*:\\s*java)");

    /**
     * Loop statements. A consequence that loops for ever would hold the thread deciding the request
     * (an I/O thread: {@code POST /v1/decisions} does not hand off); the engine's own firing limit
     * stops rules that re-trigger each other, not a loop inside one consequence. No provision
     * needs one: a rule states a condition and what follows from it.
     */
    private static final Pattern LOOP = Pattern.compile("\\b(while|for)\\s*\\(|\\bdo\\s*\\{");

    /** One rule as the file declares it. */
    public record Declared(String file, int line, String packageName, String name, Map<String, String> meta) {}

    /** The result of linting a set of files: what they declare and what is wrong. */
    public record Result(List<Declared> rules, List<String> problems) {}

    private RuleFileLint() {}

    /** Lints every rule file; {@code knownCitations} is the catalogue from {@code policies/citations.yaml}. */
    public static Result lint(List<SourceFile> drlFiles, Set<String> knownCitations) {
        List<Declared> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> seenIds = new java.util.HashMap<>();
        for (SourceFile f : drlFiles) {
            lintFile(f, knownCitations, rules, problems, seenIds);
        }
        return new Result(rules, problems);
    }

    /** The package a rule file declares, or null. */
    public static String packageOf(String content) {
        for (String line : content.split("\n", -1)) {
            Matcher m = PACKAGE.matcher(line);
            if (m.find()) return m.group(1);
        }
        return null;
    }

    private static void lintFile(SourceFile f, Set<String> knownCitations, List<Declared> rules,
                                 List<String> problems, Map<String, String> seenIds) {
        String[] raw = f.content().split("\n", -1);
        String[] code = blankCommentsAndStrings(f.content()).split("\n", -1);
        String pkg = null;
        for (int i = 0; i < code.length; i++) {
            int line = i + 1;
            Matcher pm = PACKAGE.matcher(code[i]);
            if (pkg == null && pm.find()) {
                pkg = pm.group(1);
                String expectedFolder = pkg.replace('.', '/');
                String folder = f.path().contains("/") ? f.path().substring(0, f.path().lastIndexOf('/')) : "";
                if (!folder.endsWith(expectedFolder)) {
                    problems.add(f.path() + ":" + line + ": package " + pkg + " must sit in a folder ending in "
                            + expectedFolder + "/");
                }
                continue;
            }
            Matcher im = IMPORT.matcher(code[i]);
            if (im.find()) {
                String what = im.group(2);
                if (im.group(1) != null || !(what.equals(VOCABULARY + ".*") || what.startsWith(VOCABULARY + ".")
                        && what.indexOf('.', VOCABULARY.length() + 1) < 0)) {
                    problems.add(f.path() + ":" + line + ": import of " + what
                            + " is not allowed: rule files may import only " + VOCABULARY + ".*");
                }
                continue;
            }
            Matcher fm = FORBIDDEN.matcher(code[i]);
            if (fm.find()) {
                problems.add(f.path() + ":" + line + ": '" + fm.group().trim()
                        + "' reaches outside the vocabulary; rule files may use only " + VOCABULARY);
            }
            Matcher lm = LOOP.matcher(code[i]);
            if (lm.find()) {
                problems.add(f.path() + ":" + line + ": '" + lm.group().trim()
                        + "' is a loop; rule files may not loop (a rule states a condition and what follows from it)");
            }
            Matcher rm = RULE.matcher(raw[i]);
            if (code[i].trim().startsWith("rule") && rm.find()) {
                Map<String, String> meta = new java.util.LinkedHashMap<>();
                int j = i;
                while (j < raw.length && !WHEN.matcher(code[j]).find()) {
                    Matcher mm = META.matcher(raw[j].replaceFirst("//.*$", ""));
                    while (mm.find()) meta.put(mm.group(1), mm.group(2).trim());
                    j++;
                }
                Declared d = new Declared(f.path(), line, pkg, rm.group(1), meta);
                rules.add(d);
                checkMeta(d, knownCitations, problems, seenIds);
            }
        }
        if (pkg == null) problems.add(f.path() + ":1: no package declaration");
    }

    private static void checkMeta(Declared d, Set<String> known, List<String> problems, Map<String, String> seenIds) {
        String where = d.file() + ":" + d.line() + ": rule \"" + d.name() + "\" ";
        String id = d.meta().get("id");
        if (id == null || id.isBlank()) {
            problems.add(where + "has no @id");
        } else if (seenIds.containsKey(id)) {
            problems.add(where + "repeats @id(\"" + id + "\") already used at " + seenIds.get(id));
        } else {
            seenIds.put(id, d.file() + ":" + d.line());
        }
        List<String> cites = citations(d.meta().get("cite"));
        if (cites.isEmpty()) problems.add(where + "has no @cite");
        for (String c : cites) {
            if (!known.contains(c)) {
                problems.add(where + "cites " + c + ", which policies/citations.yaml does not know (label and URL)");
            }
        }
        String j = d.meta().get("jurisdiction");
        if (j == null || j.isBlank()) problems.add(where + "has no @jurisdiction");
        LocalDate from = date(d.meta().get("inForce"), where + "@inForce", problems, true);
        LocalDate until = date(d.meta().get("until"), where + "@until", problems, false);
        if (from != null && until != null && !until.isAfter(from)) {
            problems.add(where + "@until " + until + " is not after @inForce " + from);
        }
    }

    private static LocalDate date(String v, String what, List<String> problems, boolean required) {
        if (v == null || v.isBlank()) {
            if (required) problems.add(what + " is missing");
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(what + " is not an ISO date: " + v);
            return null;
        }
    }

    /** Splits an {@code @cite} value on commas and spaces. */
    public static List<String> citations(String cite) {
        if (cite == null) return List.of();
        return Arrays.stream(cite.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /** Replaces comments and string literals by spaces, keeping line breaks, so scans see only code. */
    static String blankCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') { out.append(' '); i++; }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) out.append(s.charAt(i) == '\n' ? '\n' : ' ');
            } else if (c == '"') {
                out.append('"');
                i++;
                while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\') { out.append(' '); i++; }
                    if (i < s.length()) { out.append(' '); i++; }
                }
                if (i < s.length() && s.charAt(i) == '"') { out.append('"'); i++; }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
