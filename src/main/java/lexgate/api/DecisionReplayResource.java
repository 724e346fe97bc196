package lexgate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import lexgate.decision.Decision;
import lexgate.replay.ReplayService;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/decisions/{id}/replay}: one stored decision against "original", "active" or a digest. */
@Path("/v1/decisions/{id}/replay")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionReplayResource {

    @Inject
    ReplayService replays;

    @Inject
    ObjectMapper mapper;

    /** Body of a single replay: against "original" (default), "active" or "sha256:..."; asOf optional. */
    public record ReplayRequest(String against, String asOf) {}

    /** Re-evaluates a stored decision against "original", "active" or a digest and returns the new result with a diff. */
    @lexgate.security.Allowed(lexgate.security.Role.REVIEW)
    @POST
        @Consumes(MediaType.WILDCARD)
    public Map<String, Object> replay(@PathParam("id") String id, String body) {
        ReplayRequest req = body == null || body.isBlank() ? new ReplayRequest(null, null) : ReplayResource.read(mapper, body, ReplayRequest.class);
        ReplayService.Result r = replays.replay(id, req.against(), req.asOf());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replayId", r.replayId());
        out.put("decisionId", r.decisionId());
        out.put("against", r.against());
        out.put("ruleset", r.ruleset());
        out.put("asOf", r.asOf());
        if (r.reproducible() != null) out.put("reproducible", r.reproducible());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", r.outcome().after().outcome());
        result.put("allowed", r.outcome().after().outcome() == Decision.Outcome.ALLOW);
        result.put("reasons", r.outcome().after().reasons());
        result.put("obligations", r.outcome().after().obligations());
        result.put("missing", r.outcome().after().missing());
        out.put("result", result);
        out.put("diff", r.outcome().diff());
        return out;
    }

}
