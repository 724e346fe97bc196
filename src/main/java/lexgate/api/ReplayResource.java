package lexgate.api;

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
public class ReplayResource {

    @Inject
    ImpactAnalysis impact;

    @Inject
    ObjectMapper mapper;

    /** Body of an impact analysis. */
    public record ImpactRequest(String target, ImpactAnalysis.Filter filter) {}

    /** Starts an impact analysis over stored decisions; 202 with the replay's location. */
    @lexgate.security.Allowed(lexgate.security.Role.REVIEW)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String body) {
        ImpactRequest req = read(mapper, body, ImpactRequest.class);
        ReplayRecord r = impact.start(req.target(), req.filter());
        return Response.status(202).header("Location", "/v1/replays/" + r.id).entity(view(r)).build();
    }

    /** Progress and flip counts of a replay. */
    @lexgate.security.Allowed(lexgate.security.Role.REVIEW)
    @GET
    @Path("/{id}")
    public Response status(@PathParam("id") String id) {
        ReplayRecord r = ReplayRecord.findById(id);
        if (r == null) return Problem.response(404, "Not Found", "no replay " + id, null);
        return Response.ok(view(r)).build();
    }

    /** The decisions whose result changed, with their diffs, paged. */
    @lexgate.security.Allowed(lexgate.security.Role.REVIEW)
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
        return out;
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
}
