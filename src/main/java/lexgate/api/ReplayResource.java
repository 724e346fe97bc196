package lexgate.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lexgate.replay.ImpactAnalysis;
import lexgate.store.ReplayChangeRecord;
import lexgate.store.ReplayRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Impact analyses ({@code /v1/replays}): replay many stored decisions against a ruleset in the background. */
@Path("/v1/replays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "replays")
@SecurityRequirement(name = ApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class ReplayResource {

    @Inject
    ImpactAnalysis impact;

    @Inject
    ObjectMapper mapper;

    /** Body of an impact analysis; {@code baseline} "stored" (default) or "active". */
    public record ImpactRequest(String target, ImpactAnalysis.Filter filter, String baseline) {}

    /**
     * Starts an impact analysis over stored decisions; 202 with the replay's location. Starting one is
     * the legal author's step (it tries a candidate ruleset); reviewers read the lists and reports.
     */
    @Operation(operationId = "startImpactAnalysis", summary = "Start an impact analysis",
            description = "Replays stored decisions (filtered) against a target ruleset (candidate: the rules on disk, active, or a digest) in the background; 202 with the replay and its Location. baseline stored (default: each decision as stored) or active. Role author.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImpactRequest.class)))
    @APIResponse(responseCode = "202", description = "Started",
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Location", required = true,
                    description = "/v1/replays/{replayId}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.Replay.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("author")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String body, @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext ctx) {
        ImpactRequest req = read(mapper, body, ImpactRequest.class);
        ReplayRecord r = impact.start(req.target(), req.filter(), req.baseline(), Clients.of(ctx));
        return Response.status(202).header("Location", "/v1/replays/" + r.id).entity(view(r)).build();
    }

    /**
     * The impact analyses (and, with {@code kind=single} or {@code kind=all}, single replays), newest
     * first: who started each, when, against which digest and baseline, with which filters, and how far it got.
     */
    @Operation(operationId = "listReplays", summary = "Impact analyses, newest first",
            description = "Who started each, when, against which digest and baseline, with which filters, how far it got; kind impact (default), single or all; limit 1 to 500 (default 50). Role review.")
    @APIResponse(responseCode = "200", description = "Replays",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ReplayList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    public Response list(@QueryParam("kind") @DefaultValue("impact") String kind, @QueryParam("limit") String limit) {
        int n = limit(limit, 50);
        if (!List.of("impact", "single", "all").contains(kind)) {
            throw new lexgate.decision.InvalidRequestException(List.of(new lexgate.decision.FieldError("kind", "must be impact, single or all")));
        }
        List<ReplayRecord> rows = kind.equals("all")
                ? ReplayRecord.<ReplayRecord>find("order by createdAt desc, id desc").page(0, n).list()
                : ReplayRecord.<ReplayRecord>find("kind = ?1 order by createdAt desc, id desc", kind).page(0, n).list();
        return Response.ok(Map.of("items", rows.stream().map(this::view).toList())).build();
    }

    /**
     * The report a reviewer hands over: the analysis, its summary (changed and unchanged, outcome
     * counts before and after) and the changed decisions with operation id, purpose, controller,
     * asOf, both outcomes and the rules of the reasons added and removed; paged by {@code limit}
     * (default 100, at most 500) and the {@code cursor} of the previous page's {@code next}.
     */
    @Operation(operationId = "getImpactReport", summary = "The hand-over report of an impact analysis",
            description = "The analysis, its summary (changed and unchanged, outcome counts before and after) and the changed decisions with operation id, purpose, controller, asOf, both outcomes and the reasons added and removed; paged by limit (default 100, at most 500) and cursor. Accept: text/csv gives every changed decision as CSV. Role review.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ReplayReport.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                            description = "decisionId,operationId,purpose,controller,asOf,storedAt,outcomeBefore,outcomeAfter,"
                                    + "outcomeChanged,reasonsAdded,reasonsRemoved,citationsAdded,citationsRemoved"))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Path("/{id}/report")
    public Response report(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return reportOf(id, limit, cursor);
    }

    /**
     * The report, for the reviewer's desk (whose session filter checked the role): not guarded by
     * {@code @RolesAllowed}, which would ask for the API's bearer credentials.
     */
    public Response reportOf(String id, String limit, String cursor) {
        ReplayRecord r = ReplayRecord.findById(id);
        if (r == null) return Problem.response(404, "Not Found", "no replay " + id, null);
        int n = limit(limit, 100);
        String after = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
                if (!after.startsWith("c1:")) throw new IllegalArgumentException();
                after = after.substring(3);
            } catch (IllegalArgumentException e) {
                throw new BadRequestBodyException("the cursor is not one this service gave",
                        List.of(new lexgate.decision.FieldError("cursor", "pass the 'next' of the previous page unchanged")));
            }
        }
        List<Map<String, Object>> items = changedDecisions(id, after, n + 1);
        String next = null;
        if (items.size() > n) {
            items = items.subList(0, n);
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("c1:" + items.get(n - 1).get("decisionId")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, Object> out = view(r);
        out.put("changes", items);
        out.put("next", next);
        return Response.ok(out).build();
    }

    /** The columns of the report's CSV. */
    public static final List<String> REPORT_CSV_HEADER = List.of("decisionId", "operationId", "purpose", "controller", "asOf",
            "storedAt", "outcomeBefore", "outcomeAfter", "outcomeChanged", "reasonsAdded", "reasonsRemoved", "citationsAdded",
            "citationsRemoved");

    /** Every changed decision of the analysis as CSV (RFC 4180, a header line; lists joined by ';'). */
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Path("/{id}/report")
    @Produces("text/csv")
    public Response reportCsv(@PathParam("id") String id) {
        return reportCsvOf(id);
    }

    /** The report as CSV, for the reviewer's desk (see {@link #reportOf}). */
    public Response reportCsvOf(String id) {
        ReplayRecord r = ReplayRecord.findById(id);
        if (r == null) return Problem.response(404, "Not Found", "no replay " + id, null);
        List<List<Object>> rows = new java.util.ArrayList<>();
        String after = null;
        while (true) {
            List<Map<String, Object>> page = changedDecisions(id, after, 500);
            for (Map<String, Object> m : page) {
                rows.add(java.util.Arrays.asList(m.get("decisionId"), m.get("operationId"), m.get("purpose"), m.get("controller"),
                        m.get("asOf"), m.get("storedAt"), m.get("outcomeBefore"), m.get("outcomeAfter"), m.get("outcomeChanged"),
                        join(m.get("reasonsAdded")), join(m.get("reasonsRemoved")), join(m.get("citationsAdded")),
                        join(m.get("citationsRemoved"))));
            }
            if (page.size() < 500) break;
            after = (String) page.get(page.size() - 1).get("decisionId");
        }
        return Response.ok(DecisionListing.csv(REPORT_CSV_HEADER, rows)).type("text/csv; charset=UTF-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"impact-" + id + ".csv\"").build();
    }

    @SuppressWarnings("unchecked")
    private static String join(Object list) {
        return String.join(";", (List<String>) list);
    }

    /** Changed decisions of a replay after the given decision id (ordered by decision id), with what the reviewer needs of each. */
    private List<Map<String, Object>> changedDecisions(String replayId, String afterDecisionId, int n) {
        List<ReplayChangeRecord> changes = afterDecisionId == null
                ? ReplayChangeRecord.<ReplayChangeRecord>find("replayId = ?1 order by decisionId", replayId).page(0, n).list()
                : ReplayChangeRecord.<ReplayChangeRecord>find("replayId = ?1 and decisionId > ?2 order by decisionId", replayId,
                        afterDecisionId).page(0, n).list();
        Map<String, lexgate.store.DecisionRecord> decisions = new java.util.HashMap<>();
        if (!changes.isEmpty()) {
            lexgate.store.DecisionRecord.<lexgate.store.DecisionRecord>list("id in ?1",
                    changes.stream().map(c -> c.decisionId).toList()).forEach(d -> decisions.put(d.id, d));
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>(changes.size());
        for (ReplayChangeRecord c : changes) {
            lexgate.store.DecisionRecord d = decisions.get(c.decisionId);
            JsonNode diff = tree(c.diffJson);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decisionId", c.decisionId);
            m.put("operationId", d == null ? null : d.operationId);
            m.put("purpose", d == null ? null : d.purpose);
            JsonNode req = d == null ? null : tree(d.requestJson);
            m.put("controller", req != null && req.path("controller").path("name").isTextual() ? req.path("controller").path("name").asText() : null);
            m.put("asOf", d == null ? null : d.asOf.toString());
            m.put("storedAt", d == null ? null : d.evaluatedAt.toString());
            m.put("outcomeBefore", c.outcomeBefore);
            m.put("outcomeAfter", c.outcomeAfter);
            m.put("outcomeChanged", !c.outcomeBefore.equals(c.outcomeAfter));
            m.put("reasonsAdded", ruleIds(diff.path("reasonsAdded")));
            m.put("reasonsRemoved", ruleIds(diff.path("reasonsRemoved")));
            m.put("citationsAdded", texts(diff.path("citationsAdded")));
            m.put("citationsRemoved", texts(diff.path("citationsRemoved")));
            m.put("obligationsAdded", ruleIds(diff.path("obligationsAdded")));
            m.put("obligationsRemoved", ruleIds(diff.path("obligationsRemoved")));
            m.put("missingAdded", texts(diff.path("missingAdded")));
            m.put("missingRemoved", texts(diff.path("missingRemoved")));
            out.add(m);
        }
        return out;
    }

    private static List<String> ruleIds(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode n : list) if (n.path("rule").isTextual() && !out.contains(n.path("rule").asText())) out.add(n.path("rule").asText());
        return out;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode n : list) if (n.isTextual()) out.add(n.asText());
        return out;
    }

    /** Progress and flip counts of a replay. */
    @Operation(operationId = "getReplay", summary = "Progress and flip counts of a replay",
            description = "Status, progress, the counts by outcome change and the summary. Role review.")
    @APIResponse(responseCode = "200", description = "The replay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.Replay.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Path("/{id}")
    public Response status(@PathParam("id") String id) {
        ReplayRecord r = ReplayRecord.findById(id);
        if (r == null) return Problem.response(404, "Not Found", "no replay " + id, null);
        return Response.ok(view(r)).build();
    }

    /** The decisions whose result changed, with their diffs, paged. */
    @Operation(operationId = "listReplayChanges", summary = "The decisions whose result changed, with their diffs",
            description = "Paged by page and size (at most 500), ordered by decision id. Role review.")
    @APIResponse(responseCode = "200", description = "One page of changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ReplayChangePage.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Path("/{id}/changes")
    public Response changes(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
                            @QueryParam("size") @DefaultValue("50") int size) {
        ReplayRecord r = ReplayRecord.findById(id);
        if (r == null) return Problem.response(404, "Not Found", "no replay " + id, null);
        int s = Math.max(1, Math.min(size, 500));
        List<ReplayChangeRecord> rows = ReplayChangeRecord.<ReplayChangeRecord>find("replayId = ?1 order by decisionId", id)
                .page(Math.max(0, page), s).list();
        List<Map<String, Object>> items = rows.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decisionId", c.decisionId);
            m.put("outcomeBefore", c.outcomeBefore);
            m.put("outcomeAfter", c.outcomeAfter);
            m.put("diff", tree(c.diffJson));
            return m;
        }).toList();
        return Response.ok(Map.of("page", Math.max(0, page), "size", s, "total", r.changed, "items", items)).build();
    }

    private Map<String, Object> view(ReplayRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replayId", r.id);
        out.put("kind", r.kind);
        out.put("status", r.status);
        out.put("target", r.targetDigest);
        out.put("filter", tree(r.filterJson));
        out.put("createdAt", r.createdAt.toString());
        out.put("finishedAt", r.finishedAt == null ? null : r.finishedAt.toString());
        out.put("progress", Map.of("total", r.total, "processed", r.processed, "failed", r.failed));
        out.put("changed", r.changed);
        out.put("flips", tree(r.flipsJson));
        if (r.error != null) out.put("error", r.error);
        out.put("createdBy", r.createdBy);
        out.put("baseline", r.baseline == null ? "stored" : r.baseline);
        out.put("baselineDigest", r.baselineDigest);
        out.put("summary", summary(r));
        return out;
    }

    /**
     * Changed and unchanged decisions, and the outcome counts before and after, from the flip counts
     * (decisions that could not be replayed are counted only in {@code failed}).
     */
    private Map<String, Object> summary(ReplayRecord r) {
        Map<String, Long> before = new java.util.TreeMap<>(), after = new java.util.TreeMap<>();
        long outcomeChanged = 0;
        var fields = tree(r.flipsJson).fields();
        while (fields.hasNext()) {
            var e = fields.next();
            String[] ab = e.getKey().split("->", 2);
            long n = e.getValue().asLong();
            before.merge(ab[0], n, Long::sum);
            if (ab.length == 2) {
                after.merge(ab[1], n, Long::sum);
                if (!ab[0].equals(ab[1])) outcomeChanged += n;
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("processed", r.processed);
        s.put("failed", r.failed);
        s.put("changed", r.changed);
        s.put("unchanged", Math.max(0, r.processed - r.failed - r.changed));
        s.put("outcomeChanged", outcomeChanged);
        s.put("before", before);
        s.put("after", after);
        return s;
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(ObjectMapper mapper, String body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (Exception e) {
            throw new BadRequestBodyException("the request body cannot be read as " + type.getSimpleName()
                    + ": it is not valid JSON or has fields of the wrong type", List.of());
        }
    }

    /** The {@code limit} parameter: the default when absent, 400 when not a number, 422 outside 1..500. */
    private static int limit(String raw, int dflt) {
        if (raw == null) return dflt;
        int n;
        try {
            n = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestBodyException("limit must be an integer", List.of(new lexgate.decision.FieldError("limit", "must be an integer between 1 and 500")));
        }
        if (n < 1 || n > 500) throw new lexgate.decision.InvalidRequestException(List.of(new lexgate.decision.FieldError("limit", "must be between 1 and 500")));
        return n;
    }
}
