package lexgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lexgate.api.RequestReader;
import lexgate.decision.Evaluation;
import lexgate.decision.Evaluator;
import lexgate.decision.FactBuilder;
import lexgate.decision.OperationRequest;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetCompiler;
import org.kie.api.runtime.KieSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests the benchmark uses, taken from the shared scenario cases ({@code cases.json}), and
 * the paths it reads, from system properties set by bench/run:
 * {@code lexgate.bench.rules}, {@code lexgate.bench.policies}, {@code lexgate.bench.cases}.
 *
 * <p>Small, typical and worst case are chosen deterministically by the work the engine does:
 * every case is fired once on a plain session and ranked by rule firings plus objects in working
 * memory at the end (then firings, body size, id); small is the lowest, worst the highest, typical
 * the median. (On the rules of 2026.11.1 this order matches the measured evaluator time at both ends.) {@code main} writes the three bodies to a folder
 * for the HTTP runs and prints the ranking.
 */
public final class Cases {
    /** Used when a case has no asOf (the service would use today; the benchmark uses a fixed day). */
    public static final String DEFAULT_AS_OF = "2025-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cases() {}

    /**
     * Logging as the service runs it (Quarkus: root level INFO). Outside Quarkus the JBoss log
     * manager starts at level ALL, and Drools then formats its TRACE messages on every network
     * evaluation, which triples the cost of a session; measured in process, that would be an
     * artefact of the benchmark, not a cost of the service.
     */
    public static String serviceLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.INFO);
        return root.getClass().getName() + " root level " + root.getLevel();
    }

    /** One case: id, the request body as JSON text, the parsed request (asOf set). */
    public record Case(String id, String body, OperationRequest request) {}

    /**
     * One ranked case: rule firings and objects in working memory at the end (policy facts, request
     * facts and everything the rules derived) on a plain session, the request's own facts, and the
     * outcome the evaluator gives.
     */
    public record Ranked(Case c, int firings, int objects, int facts, String outcome) {
        /** The engine work the case takes: what the ranking sorts on. */
        public int work() { return firings + objects; }
    }

    public static Path rulesDir() { return Path.of(System.getProperty("lexgate.bench.rules", "rules")); }

    public static Path policiesDir() { return Path.of(System.getProperty("lexgate.bench.policies", "policies")); }

    public static Path casesFile() {
        return Path.of(System.getProperty("lexgate.bench.cases", "../shared/scenarios/cases.json"));
    }

    /** Every case in the file, parsed as the service parses a body. */
    public static List<Case> load() {
        try {
            JsonNode root = JSON.readTree(Files.readString(casesFile()));
            List<Case> out = new ArrayList<>();
            for (JsonNode n : root) {
                // A body without asOf gets the fixed day, so that HTTP and in process evaluate the same.
                com.fasterxml.jackson.databind.node.ObjectNode req = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("request");
                if (!req.hasNonNull("asOf")) req.put("asOf", DEFAULT_AS_OF);
                String body = JSON.writeValueAsString(req);
                OperationRequest r = RequestReader.read(body);
                out.add(new Case(n.get("id").asText(), body, r));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case ranked from least to most engine work on the ruleset. */
    public static List<Ranked> rank(Ruleset ruleset, List<Case> cases) {
        List<Ranked> out = new ArrayList<>();
        for (Case c : cases) {
            Evaluation ev = Evaluator.evaluate(ruleset, c.request());
            List<Object> facts = FactBuilder.facts(c.request(), ruleset.policies());
            KieSession session = ruleset.kieBase().newKieSession();
            try {
                facts.forEach(session::insert);
                ruleset.policies().facts().forEach(session::insert);
                int firings = session.fireAllRules();
                out.add(new Ranked(c, firings, session.getObjects().size(), facts.size(), ev.outcome().name()));
            } finally {
                session.dispose();
            }
        }
        out.sort(Comparator.comparingInt(Ranked::work).thenComparingInt(Ranked::firings)
                .thenComparingInt(r -> r.c().body().length()).thenComparing(r -> r.c().id()));
        return out;
    }

    /** small, typical, worst. */
    public static Map<String, Ranked> pick(List<Ranked> ranked) {
        Map<String, Ranked> m = new LinkedHashMap<>();
        m.put("small", ranked.get(0));
        m.put("typical", ranked.get((ranked.size() - 1) / 2));
        m.put("worst", ranked.get(ranked.size() - 1));
        return m;
    }

    /** The chosen request for "small", "typical" or "worst" on this ruleset. */
    public static Case chosen(Ruleset ruleset, String which) {
        Ranked r = pick(rank(ruleset, load())).get(which);
        if (r == null) throw new IllegalArgumentException("no request '" + which + "' (small, typical, worst)");
        return r.c();
    }

    /** Writes small.json, typical.json, worst.json and cases.txt (the ranking) into the folder given. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        String logging = serviceLogging();
        Ruleset ruleset = RulesetCompiler.compile(rulesDir(), policiesDir());
        List<Ranked> ranked = rank(ruleset, load());
        Map<String, Ranked> picked = pick(ranked);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("ruleset %s %s, %d rules; logging: %s%n", ruleset.version(), ruleset.digest(),
                ruleset.rulesByQualifiedName().size(), logging));
        sb.append(String.format("%-8s %-46s %7s %7s %6s %6s %s%n", "pick", "case", "firings", "objects", "facts",
                "bytes", "outcome"));
        for (Ranked r : ranked) {
            String label = picked.entrySet().stream().filter(e -> e.getValue() == r).map(Map.Entry::getKey)
                    .findFirst().orElse("");
            sb.append(String.format("%-8s %-46s %7d %7d %6d %6d %s%n", label, r.c().id(), r.firings(), r.objects(),
                    r.facts(), r.c().body().length(), r.outcome()));
        }
        for (var e : picked.entrySet()) {
            Files.writeString(out.resolve(e.getKey() + ".json"), e.getValue().c().body());
            Files.writeString(out.resolve(e.getKey() + ".id"), e.getValue().c().id() + "\n");
        }
        Files.writeString(out.resolve("cases.txt"), sb.toString());
        System.out.print(sb);
    }
}
