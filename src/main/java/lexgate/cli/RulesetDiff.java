package lexgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lexgate.policy.Citation;
import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import lexgate.rules.SourceFile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@code lexgate diff A B}: the rules, policy files and citations that differ between two rulesets. */
public final class RulesetDiff {
    private RulesetDiff() {}

    /** One side: its name, its files, and the ruleset they compile to. */
    public record Side(String name, List<SourceFile> files, Ruleset ruleset) {}

    /** A folder holding rules/ and policies/. */
    static Side read(Path folder) {
        List<SourceFile> files = RulesetCompiler.readFiles(folder.resolve("rules"), folder.resolve("policies"));
        return new Side(folder.toString(), files, RulesetCompiler.compile(files));
    }

    /** A stored ruleset, from a running service (GET /v1/rulesets/{digest}, role review). */
    static Side fetch(String service, String key, String digest) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.replaceAll("/$", "") + "/v1/rulesets/" + digest))
                .timeout(Duration.ofSeconds(60));
        if (key != null) b.header("Authorization", "Bearer " + key);
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new LexgateCli.Located(LexgateCli.PROBLEMS, "lexgate diff: " + service + " answered " + r.statusCode() + " for " + digest);
        }
        JsonNode doc = new ObjectMapper().readTree(r.body());
        List<SourceFile> files = new ArrayList<>();
        doc.path("files").forEach(f -> files.add(new SourceFile(f.path("path").asText(), f.path("content").asText())));
        return new Side(digest, files, RulesetCompiler.compile(files));
    }

    /** One line per difference: "+ rule id", "- rule id", "~ rule id (file:line)", policy files, citations, the label. */
    public static List<String> compare(Side a, Side b) {
        List<String> out = new ArrayList<>();
        if (!a.ruleset().version().equals(b.ruleset().version())) {
            out.add("~ label " + a.ruleset().version() + " -> " + b.ruleset().version());
        }
        Map<String, RuleMeta> ra = byId(a.ruleset()), rb = byId(b.ruleset());
        Map<String, String> ta = ruleTexts(a), tb = ruleTexts(b);
        for (String id : new TreeSet<>(union(ra.keySet(), rb.keySet()))) {
            RuleMeta x = ra.get(id), y = rb.get(id);
            if (x == null) out.add("+ rule " + id + " (" + y.file() + ":" + y.line() + ")");
            else if (y == null) out.add("- rule " + id + " (" + x.file() + ":" + x.line() + ")");
            else if (!Objects.equals(ta.get(id), tb.get(id)) || !x.citations().equals(y.citations())
                    || !Objects.equals(x.inForce(), y.inForce()) || !Objects.equals(x.until(), y.until())
                    || !x.quotes().equals(y.quotes()) || !x.translations().equals(y.translations())) {
                out.add("~ rule " + id + " (" + y.file() + ":" + y.line() + ")");
            }
        }
        Map<String, String> pa = policies(a), pb = policies(b);
        for (String path : new TreeSet<>(union(pa.keySet(), pb.keySet()))) {
            if (!pa.containsKey(path)) out.add("+ " + path);
            else if (!pb.containsKey(path)) out.add("- " + path);
            else if (!pa.get(path).equals(pb.get(path))) out.add("~ " + path);
        }
        Map<String, Citation> ca = a.ruleset().policies().citations(), cb = b.ruleset().policies().citations();
        for (String id : new TreeSet<>(union(ca.keySet(), cb.keySet()))) {
            if (!ca.containsKey(id)) out.add("+ citation " + id + " (" + cb.get(id).label() + ")");
            else if (!cb.containsKey(id)) out.add("- citation " + id);
            else if (!ca.get(id).equals(cb.get(id))) out.add("~ citation " + id + " (" + cb.get(id).label() + ")");
        }
        return out;
    }

    private static <T> java.util.Set<T> union(java.util.Set<T> x, java.util.Set<T> y) {
        java.util.Set<T> s = new java.util.HashSet<>(x);
        s.addAll(y);
        return s;
    }

    private static Map<String, RuleMeta> byId(Ruleset r) {
        Map<String, RuleMeta> m = new TreeMap<>();
        r.rules().forEach(x -> m.put(x.id(), x));
        return m;
    }

    /** Each rule's text (from its 'rule' line to its 'end'), to tell a changed rule from an unchanged one. */
    private static Map<String, String> ruleTexts(Side s) {
        Map<String, String> content = new TreeMap<>();
        s.files().forEach(f -> content.put(f.path(), f.content()));
        Map<String, String> out = new TreeMap<>();
        for (RuleMeta m : s.ruleset().rules()) {
            String[] lines = content.getOrDefault(m.file(), "").split("\n", -1);
            StringBuilder b = new StringBuilder();
            for (int i = Math.max(0, m.line() - 1); i < lines.length; i++) {
                b.append(lines[i].strip()).append('\n');
                if (lines[i].strip().equals("end")) break;
            }
            out.put(m.id(), b.toString());
        }
        return out;
    }

    private static Map<String, String> policies(Side s) {
        Map<String, String> out = new TreeMap<>();
        s.files().stream().filter(f -> f.path().startsWith("policies/")).forEach(f -> out.put(f.path(), f.content()));
        return out;
    }
}
