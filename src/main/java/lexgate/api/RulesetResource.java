package lexgate.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lexgate.decision.FieldError;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.RuleMeta;
import lexgate.rules.Ruleset;
import lexgate.rules.RulesetRegistry;
import lexgate.store.RulesetRecord;
import lexgate.store.RulesetStore;
import lexgate.store.StorageUnavailableException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rulesets: the active one, every one ever loaded, and reload without restart. */
@Path("/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetRegistry registry;

    @Inject
    RulesetStore store;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    /** The ruleset serving decisions now. */
    @lexgate.security.Allowed({lexgate.security.Role.DECIDE, lexgate.security.Role.REVIEW, lexgate.security.Role.AUTHOR})
    @GET
    @Path("/active")
    public Map<String, Object> active() {
        return summary(active.get());
    }

    /**
     * Compiles the rules directory; on success switches atomically and answers 200 with the active
     * digest; on any error keeps serving the current ruleset and answers 422 listing every problem.
     */
    @lexgate.security.Allowed(lexgate.security.Role.AUTHOR)
    @POST
    @Path("/reload")
    public Response reload() {
        ActiveRuleset.Reload r = active.reload();
        if (!r.accepted()) {
            List<FieldError> errors = r.problems().stream().map(RulesetResource::problem).toList();
            Response p = Problem.response(422, "Unprocessable Content",
                    "the rules were not loaded; still serving " + r.active().digest(), errors);
            return Response.fromResponse(p).header("Lexgate-Active-Ruleset", r.active().digest()).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.changed() ? "reloaded" : "unchanged");
        body.put("active", summary(r.active()));
        body.put("previous", Map.of("version", r.previous().version(), "digest", r.previous().digest()));
        return Response.ok(body).build();
    }

    /** "file:line: message" as a field error whose field is "file:line". */
    static FieldError problem(String p) {
        int colon = p.indexOf(':', p.indexOf(':') + 1);
        return colon > 0 ? new FieldError(p.substring(0, colon), p.substring(colon + 1).trim()) : new FieldError("rules", p);
    }

    /** Body of a validation: files by path ("rules/..." or "policies/..."); overlay (default) lays them over the files on disk. */
    public record ValidateRequest(Map<String, String> files, Boolean overlay) {}

    /**
     * Checks a candidate set of rule, policy and scenario files without activating anything:
     * compile, lint, scenario reachability and every scenario's result. 200 with {@code valid}.
     */
    @lexgate.security.Allowed(lexgate.security.Role.AUTHOR)
    @POST
    @Path("/validate")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public lexgate.scenario.CandidateCheck.Result validate(String body) {
        ValidateRequest req = ReplayResource.read(mapper, body, ValidateRequest.class);
        if (req.files() == null) {
            throw new lexgate.decision.InvalidRequestException(List.of(new FieldError("files", "is required: a map of path to content")));
        }
        return lexgate.scenario.CandidateCheck.check(req.files(), req.overlay() == null || req.overlay(),
                active.rulesPath(), active.policiesPath());
    }

    /** Every stored ruleset, newest first, paged. */
    @lexgate.security.Allowed({lexgate.security.Role.REVIEW, lexgate.security.Role.AUTHOR})
    @GET
    public Map<String, Object> list(@QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("20") int size) {
        int s = Math.max(1, Math.min(size, 200));
        int pg = Math.max(0, page);
        try {
            List<Map<String, Object>> items = store.page(pg, s).stream().map(RulesetResource::summary).toList();
            return Map.of("page", pg, "size", s, "total", store.count(), "items", items);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** One stored ruleset: version, first load, files, and its rules with ids, citations and dates in force. */
    @lexgate.security.Allowed({lexgate.security.Role.REVIEW, lexgate.security.Role.AUTHOR})
    @GET
    @Path("/{digest}")
    public Response get(@PathParam("digest") String digest) {
        RulesetRecord rec = store.find(digest).orElse(null);
        if (rec == null) return Problem.response(404, "Not Found", "no stored ruleset " + digest, null);
        Ruleset r = registry.get(digest).orElseThrow();
        Map<String, Object> body = summary(rec);
        body.put("files", store.files(rec));
        body.put("rules", r.rules().stream().map(RulesetResource::rule).toList());
        return Response.ok(body).build();
    }

    static Map<String, Object> rule(RuleMeta m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("title", m.title());
        out.put("citations", m.citations());
        out.put("jurisdiction", m.jurisdiction());
        out.put("inForce", m.inForce().toString());
        out.put("until", m.until() == null ? null : m.until().toString());
        out.put("file", m.file());
        out.put("line", m.line());
        return out;
    }

    private static Map<String, Object> summary(Ruleset r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", r.version());
        out.put("digest", r.digest());
        out.put("loadedAt", r.loadedAt().toString());
        out.put("ruleCount", r.rulesByQualifiedName().size());
        return out;
    }

    private static Map<String, Object> summary(RulesetRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", r.version);
        out.put("digest", r.digest);
        out.put("firstLoadedAt", r.firstLoadedAt.toString());
        out.put("kind", r.kind);
        out.put("ruleCount", r.ruleCount);
        return out;
    }
}
