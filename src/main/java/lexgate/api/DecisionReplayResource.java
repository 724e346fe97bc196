package lexgate.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
@Tag(name = "replays")
@SecurityRequirement(name = ApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class DecisionReplayResource {

    @Inject
    ReplayService replays;

    @Inject
    ObjectMapper mapper;

    /** Body of a single replay: against "original" (default), "active" or "sha256:..."; asOf optional. */
    public record ReplayRequest(String against, String asOf) {}

    /** Re-evaluates a stored decision against "original", "active" or a digest and returns the new result with a diff. */
    @Operation(operationId = "replayDecision", summary = "Re-evaluate one stored decision",
            description = "Against original (the ruleset that decided, default), active, or a digest sha256:...; asOf optional. Returns the new result and its difference from the stored one. The body may be empty. Role review.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReplayRequest.class)))
    @APIResponse(responseCode = "200", description = "The new result with the difference",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.SingleReplay.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("review")
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
