package lexgate.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lexgate.cli.RulesetDiff;
import lexgate.policy.Citation;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetRegistry;
import lexgate.rules.SourceFile;
import lexgate.scenario.Coverage;
import lexgate.scenario.ScenarioGate;
import lexgate.scenario.ScenarioRunner;
import lexgate.security.Allowed;
import lexgate.security.Role;
import lexgate.security.SessionAuthenticated;
import lexgate.store.RulesetRecord;
import lexgate.store.RulesetStore;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The rule catalogue by jurisdiction and instrument, one rule with its law and scenarios, coverage, rulesets compared. */
@Path("/ui")
@SessionAuthenticated
@Blocking
@Allowed({Role.REVIEW, Role.AUTHOR})
@Produces(MediaType.TEXT_HTML)
public class RulePages {

    @Inject
    ActiveRuleset active;

    @Inject
    ScenarioGate gate;

    @Inject
    RulesetStore store;

    @Inject
    RulesetRegistry registry;

    @Inject
    Pages pages;

    @Inject
    @Location("ui/rules.html")
    Template catalogue;

    @Inject
    @Location("ui/rule.html")
    Template rulePage;

    @Inject
    @Location("ui/coverage.html")
    Template coverage;

    @Inject
    @Location("ui/compare.html")
    Template compare;

    /** The instrument of a rule: the folder of its file under rules/ ("eu/gdpr", "de/bdsg"). */
    static String instrument(RuleMeta m) {
        String f = m.file().startsWith("rules/") ? m.file().substring(6) : m.file();
        int slash = f.lastIndexOf('/');
        return slash < 0 ? "(top level)" : f.substring(0, slash);
    }

    private static List<Map<String, Object>> citations(Ruleset r, RuleMeta m) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : m.citations()) {
            Citation c = r.policies().citation(id);
            out.add(Map.of("id", id, "label", c == null || c.label() == null ? id : c.label(), "url", c == null || c.url() == null ? "" : c.url()));
        }
        return out;
    }

    private static Map<String, Object> summary(Ruleset r, RuleMeta m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", m.id());
        e.put("title", m.title());
        e.put("jurisdiction", m.jurisdiction() == null ? "" : m.jurisdiction());
        e.put("file", m.file());
        e.put("line", m.line());
        e.put("inForce", m.inForce() == null ? "" : m.inForce().toString());
        e.put("until", m.until() == null ? "" : m.until().toString());
        e.put("quoted", !m.quotes().isEmpty());
        e.put("citations", citations(r, m));
        return e;
    }

    @GET
    @Path("/rules")
    public TemplateInstance rules(@QueryParam("q") String q, @Context ContainerRequestContext ctx) {
        Ruleset r = active.get();
        String needle = q == null ? "" : q.trim().toLowerCase(java.util.Locale.ROOT);
        // jurisdiction -> instrument -> rules
        Map<String, Map<String, List<Map<String, Object>>>> tree = new TreeMap<>();
        int shown = 0;
        for (RuleMeta m : r.rules()) {
            if (!needle.isEmpty() && !(m.id().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || m.title().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || m.citations().stream().anyMatch(c -> c.toLowerCase(java.util.Locale.ROOT).contains(needle)))) continue;
            String j = m.jurisdiction() == null || m.jurisdiction().isEmpty() ? "(none)" : m.jurisdiction();
            tree.computeIfAbsent(j, k -> new TreeMap<>()).computeIfAbsent(instrument(m), k -> new ArrayList<>()).add(summary(r, m));
            shown++;
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        tree.forEach((j, instruments) -> {
            List<Map<String, Object>> is = new ArrayList<>();
            instruments.forEach((i, rules) -> is.add(Map.of("name", i, "rules", rules)));
            groups.add(Map.of("jurisdiction", j, "instruments", is));
        });
        return Pages.frame(catalogue, ctx, "rules").data("groups", groups).data("count", shown).data("q", q == null ? "" : q)
                .data("ruleset", Map.of("version", r.version(), "digest", r.digest()));
    }

    @GET
    @Path("/rules/{id}")
    public TemplateInstance rule(@PathParam("id") String id, @Context ContainerRequestContext ctx) {
        Ruleset r = active.get();
        RuleMeta m = r.rules().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new PageException(404, "Not found", "The active ruleset has no rule " + id + "."));
        Map<String, Object> e = summary(r, m);
        e.put("instrument", instrument(m));
        e.put("package", m.packageName());
        e.put("noFine", m.noFine() == null ? "" : m.noFine());
        e.put("quotes", m.quotes().stream().map(qt -> Map.of("cite", qt.cite() == null ? "" : qt.cite(), "lang", qt.lang() == null ? "" : qt.lang(),
                "text", qt.text() == null ? "" : qt.text(), "en", qt.en() == null ? "" : qt.en())).toList());
        e.put("explanations", m.templates().stream().map(t -> Map.of("kind", t.kind(), "text", t.english() == null ? "" : t.english())).toList());
        Coverage c = gate.coverage(r.digest());
        e.put("covered", c != null);
        e.put("fires", c == null ? List.of() : List.copyOf(c.fires().getOrDefault(id, new TreeSet<>())));
        e.put("silent", c == null ? List.of() : List.copyOf(c.silent().getOrDefault(id, new TreeSet<>())));
        return Pages.frame(rulePage, ctx, "rules").data("r", e).data("timeline", timeline(m));
    }

    /** A simple in-force timeline: from the rule's first day (or 2018-05-25, GDPR's) to its last, today marked. */
    static String timeline(RuleMeta m) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = m.inForce() == null ? LocalDate.of(2018, 5, 25) : m.inForce();
        LocalDate axisFrom = start.isBefore(today) ? start.minusYears(1) : today.minusYears(1);
        LocalDate axisTo = m.until() != null && m.until().isAfter(today) ? m.until().plusYears(1) : today.plusYears(2);
        long span = Math.max(1, axisTo.toEpochDay() - axisFrom.toEpochDay());
        int w = 760, x0 = 10, x1 = 750;
        java.util.function.LongFunction<Double> x = d -> x0 + (x1 - x0) * (double) (d - axisFrom.toEpochDay()) / span;
        double bs = x.apply(start.toEpochDay());
        double be = m.until() == null ? x1 : x.apply(m.until().toEpochDay());
        double t = x.apply(today.toEpochDay());
        String label = (m.inForce() == null ? "in force (no start date)" : "in force from " + m.inForce())
                + (m.until() == null ? ", no end date" : " until " + m.until() + " (exclusive)");
        return String.format(java.util.Locale.ROOT,
                "<svg class=\"timeline\" viewBox=\"0 0 %d 64\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">"
                        + "<line x1=\"%d\" x2=\"%d\" y1=\"30\" y2=\"30\" class=\"axisline\"/>"
                        + "<rect x=\"%.1f\" y=\"20\" width=\"%.1f\" height=\"20\" rx=\"3\" class=\"inforce\"/>"
                        + "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"12\" y2=\"48\" class=\"today\"/>"
                        + "<text x=\"%.1f\" y=\"60\" class=\"axis\" text-anchor=\"middle\">today</text>"
                        + "<text x=\"%.1f\" y=\"12\" class=\"axis\">%s</text>"
                        + "<text x=\"%d\" y=\"60\" class=\"axis\">%s</text><text x=\"%d\" y=\"60\" class=\"axis\" text-anchor=\"end\">%s</text></svg>",
                w, label, x0, x1, bs, Math.max(2, be - bs), t, t, t, bs, m.inForce() == null ? "" : m.inForce().toString(), x0,
                axisFrom.getYear(), x1, axisTo.getYear());
    }

    /** Rules down, scenario files across: how many scenarios of each file make each rule fire. */
    @GET
    @Path("/coverage")
    public TemplateInstance coverage(@Context ContainerRequestContext ctx) {
        Ruleset r = active.get();
        Coverage c = gate.coverage(r.digest());
        TreeSet<String> files = new TreeSet<>();
        Map<String, Map<String, Integer>> fired = new TreeMap<>();
        int passed = 0, failed = 0;
        if (c != null) {
            for (ScenarioRunner.Result res : c.results()) {
                files.add(res.scenario().file());
                if (res.passed()) passed++;
                else failed++;
                if (res.evaluation() == null) continue;
                for (String rule : res.evaluation().firedRules()) {
                    fired.computeIfAbsent(rule, k -> new TreeMap<>()).merge(res.scenario().file(), 1, Integer::sum);
                }
            }
        }
        List<String> cols = List.copyOf(files);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RuleMeta m : r.rules()) {
            Map<String, Integer> f = fired.getOrDefault(m.id(), Map.of());
            List<Integer> cells = cols.stream().map(file -> f.getOrDefault(file, 0)).toList();
            rows.add(Map.of("id", m.id(), "title", m.title(), "cells", cells, "total", cells.stream().mapToInt(Integer::intValue).sum()));
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            String f = cols.get(i);
            String shortName = f.replaceFirst("^rules/", "").replaceFirst("\\.scenarios\\.yaml$", "");
            columns.add(Map.of("file", f, "short", shortName, "n", i + 1));
        }
        return Pages.frame(coverage, ctx, "coverage").data("columns", columns).data("rows", rows).data("known", c != null)
                .data("passed", passed).data("failed", failed).data("ruleset", Map.of("version", r.version(), "digest", r.digest()));
    }

    /** Two stored rulesets compared file by file, and rule by rule (as {@code lexgate diff}). */
    @GET
    @Path("/compare")
    @Allowed(Role.AUTHOR)
    public TemplateInstance compare(@QueryParam("a") String a, @QueryParam("b") String b, @Context ContainerRequestContext ctx) {
        List<Map<String, Object>> stored = new ArrayList<>();
        for (RulesetRecord r : store.page(0, 100)) stored.add(Map.of("digest", r.digest, "version", r.version));
        TemplateInstance t = Pages.frame(compare, ctx, "compare").data("rulesets", stored).data("a", a == null ? "" : a)
                .data("b", b == null ? "" : b).data("files", null).data("lines", null);
        if (a == null || a.isBlank() || b == null || b.isBlank()) return t;
        RulesetDiff.Side sa = side(a.trim()), sb = side(b.trim());
        Map<String, String> fa = new TreeMap<>(), fb = new TreeMap<>();
        sa.files().forEach(f -> fa.put(f.path(), f.content()));
        sb.files().forEach(f -> fb.put(f.path(), f.content()));
        TreeSet<String> paths = new TreeSet<>(fa.keySet());
        paths.addAll(fb.keySet());
        List<Map<String, Object>> files = new ArrayList<>();
        for (String p : paths) {
            String x = fa.get(p), y = fb.get(p);
            String status = x == null ? "added" : y == null ? "removed" : x.equals(y) ? "same" : "changed";
            files.add(Map.of("path", p, "status", status, "linesA", x == null ? 0 : x.split("\n", -1).length,
                    "linesB", y == null ? 0 : y.split("\n", -1).length));
        }
        // What differs first, then what is the same.
        files.sort(java.util.Comparator.comparing((Map<String, Object> f) -> "same".equals(f.get("status"))));
        return t.data("files", files).data("lines", RulesetDiff.compare(sa, sb))
                .data("versionA", sa.ruleset().version()).data("versionB", sb.ruleset().version());
    }

    private RulesetDiff.Side side(String digest) {
        RulesetRecord rec = store.find(digest)
                .orElseThrow(() -> new PageException(404, "Not found", "No stored ruleset " + digest + "."));
        List<SourceFile> files = store.files(rec);
        Ruleset r = registry.get(digest).orElseThrow(() -> new PageException(404, "Not found", "No stored ruleset " + digest + "."));
        return new RulesetDiff.Side(digest, files, r);
    }

    @ServerExceptionMapper
    public Response map(RuntimeException e, ContainerRequestContext ctx) {
        return pages.error(e, ctx);
    }
}
