package lexgate.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lexgate.api.ReplayResource;
import lexgate.replay.ImpactAnalysis;
import lexgate.rules.ActiveRuleset;
import lexgate.security.Role;
import lexgate.security.SessionAuthenticated;
import lexgate.store.ReplayRecord;
import lexgate.store.RulesetRecord;
import lexgate.store.RulesetStore;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Impact analyses: the list (who, when, candidate, baseline, filters, progress), the form that
 * starts one (authors), and the report a reviewer hands over (before/after grid, changed decisions,
 * CSV), read through the same code as {@code /v1/replays}.
 */
@Path("/ui/analyses")
@SessionAuthenticated
@jakarta.annotation.security.PermitAll // the session filter guards it, not the API's bearer mechanisms
@Blocking
@PageRoles({Role.REVIEW, Role.AUTHOR})
@Produces(MediaType.TEXT_HTML)
public class AnalysisPages {
    static final List<String> OUTCOMES = List.of("ALLOW", "DENY", "REVIEW");

    @Inject
    ImpactAnalysis impact;

    @Inject
    ReplayResource api;

    @Inject
    RulesetStore rulesets;

    @Inject
    ActiveRuleset active;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pages pages;

    @Inject
    @Location("ui/analyses.html")
    Template list;

    @Inject
    @Location("ui/analysis.html")
    Template report;

    @GET
    public TemplateInstance list(@Context ContainerRequestContext ctx) {
        List<ReplayRecord> rows = ReplayRecord.<ReplayRecord>find("kind = ?1 order by createdAt desc, id desc", "impact").page(0, 50).list();
        List<Map<String, Object>> items = new ArrayList<>();
        for (ReplayRecord r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id);
            m.put("createdAt", DecisionPages.when(r.createdAt.toString()));
            m.put("createdBy", r.createdBy == null ? "" : r.createdBy);
            m.put("status", r.status);
            m.put("target", r.targetDigest);
            m.put("baseline", r.baseline == null ? "stored" : r.baseline);
            m.put("filter", filterWords(r.filterJson));
            m.put("processed", r.processed);
            m.put("total", r.total);
            m.put("changed", r.changed);
            items.add(m);
        }
        List<Map<String, Object>> stored = new ArrayList<>();
        for (RulesetRecord r : rulesets.page(0, 100)) {
            stored.add(Map.of("digest", r.digest, "version", r.version, "kind", r.kind == null ? "" : r.kind,
                    "loadedAt", r.firstLoadedAt.toString(), "short", r.digest.substring(0, Math.min(19, r.digest.length()))));
        }
        return Pages.frame(list, ctx, "analyses").data("items", items).data("rulesets", stored)
                .data("activeDigest", active.get().digest());
    }

    /** Starts an analysis (the legal author's step, as over the API), then shows its page. */
    @POST
    @PageRoles(Role.AUTHOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@FormParam("csrf") String csrf, @FormParam("target") String target, @FormParam("baseline") String baseline,
                          @FormParam("purpose") String purpose, @FormParam("outcome") List<String> outcomes,
                          @FormParam("storedFrom") String storedFrom, @FormParam("storedTo") String storedTo,
                          @FormParam("asOfFrom") String asOfFrom, @FormParam("asOfTo") String asOfTo,
                          @Context ContainerRequestContext ctx) {
        Pages.checkCsrf(ctx, csrf);
        List<String> os = outcomes == null ? List.of() : outcomes.stream().filter(o -> o != null && !o.isBlank()).toList();
        ImpactAnalysis.Filter f = new ImpactAnalysis.Filter(null, null, blank(purpose) == null ? null : List.of(purpose.trim()),
                os.isEmpty() ? null : os, blank(storedFrom), blank(storedTo), blank(asOfFrom), blank(asOfTo));
        ReplayRecord r = impact.start(blank(target), f, blank(baseline), Pages.session(ctx).caller().id());
        return Response.seeOther(URI.create("/ui/analyses/" + r.id)).build();
    }

    @GET
    @Path("/{id}")
    public TemplateInstance report(@PathParam("id") String id, @QueryParam("cursor") String cursor, @Context ContainerRequestContext ctx) {
        Response r = api.reportOf(id, "100", cursor == null || cursor.isEmpty() ? null : cursor);
        if (r.getStatus() == 404) throw new PageException(404, "Not found", "There is no impact analysis " + id + ".");
        Map<String, Object> rep = mapper.convertValue(r.getEntity(), new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked") Map<String, Object> flips = (Map<String, Object>) rep.getOrDefault("flips", Map.of());
        // The grid: a row per outcome before, a column per outcome after.
        List<Map<String, Object>> grid = new ArrayList<>();
        Map<String, Long> colTotals = new LinkedHashMap<>();
        for (String before : OUTCOMES) {
            List<Map<String, Object>> cells = new ArrayList<>();
            long rowTotal = 0;
            for (String after : OUTCOMES) {
                Object v = flips.get(before + "->" + after);
                long n = v instanceof Number x ? x.longValue() : 0;
                rowTotal += n;
                colTotals.merge(after, n, Long::sum);
                cells.add(Map.of("after", after, "n", n, "changed", !before.equals(after)));
            }
            grid.add(Map.of("before", before, "cells", cells, "total", rowTotal));
        }
        String status = String.valueOf(rep.get("status"));
        boolean running = status.equals("queued") || status.equals("running");
        String filter;
        try {
            filter = filterWords(mapper.writeValueAsString(rep.get("filter")));
        } catch (Exception e) {
            filter = "";
        }
        rep.put("createdAt", DecisionPages.when(String.valueOf(rep.get("createdAt"))));
        rep.put("finishedAt", rep.get("finishedAt") == null ? null : DecisionPages.when(String.valueOf(rep.get("finishedAt"))));
        return Pages.frame(report, ctx, "analyses").data("a", rep).data("grid", grid).data("outcomes", OUTCOMES)
                .data("colTotals", colTotals).data("running", running).data("filter", filter)
                .data("nextLink", rep.get("next") == null ? null : "/ui/analyses/" + id + "?cursor=" + rep.get("next"));
    }

    @GET
    @Path("/{id}/report.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id) {
        Response r = api.reportCsvOf(id);
        if (r.getStatus() == 404) throw new PageException(404, "Not found", "There is no impact analysis " + id + ".");
        return r;
    }

    /** The filters that were set, as "outcomes DENY · storedFrom 2026-11-01"; "none" when none was. */
    String filterWords(String json) {
        List<String> parts = new ArrayList<>();
        try {
            var fields = mapper.readTree(json).fields();
            while (fields.hasNext()) {
                var e = fields.next();
                // from/to are the older names of storedFrom/storedTo, stored with both.
                if (e.getValue().isNull() || e.getKey().equals("from") || e.getKey().equals("to")) continue;
                String v = e.getValue().isArray() ? String.join(", ", mapper.convertValue(e.getValue(), String[].class)) : e.getValue().asText();
                parts.add(e.getKey() + " " + v);
            }
        } catch (Exception e) {
            return json;
        }
        return parts.isEmpty() ? "none (every stored decision)" : String.join(" · ", parts);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @ServerExceptionMapper
    public Response map(RuntimeException e, ContainerRequestContext ctx) {
        return pages.error(e, ctx);
    }
}
