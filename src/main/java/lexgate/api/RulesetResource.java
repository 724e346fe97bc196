package lexgate.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
@Tag(name = "rulesets")
@SecurityRequirement(name = ApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
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
    @Operation(operationId = "getActiveRuleset", summary = "The ruleset serving decisions now",
            description = "Version label, digest, load time and rule count. Roles decide, review or author.")
    @APIResponse(responseCode = "200", description = "The active ruleset",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ActiveRuleset.class)))
    @jakarta.annotation.security.RolesAllowed({"decide", "review", "author"})
    @GET
    @Path("/active")
    public Map<String, Object> active() {
        return summary(active.get());
    }

    /**
     * Compiles the rules directory; on success switches atomically and answers 200 with the active
     * digest; on any error keeps serving the current ruleset and answers 422 listing every problem.
     */
    @Operation(operationId = "reloadRuleset", summary = "Validate the rules on disk and switch to them",
            description = "Compiles and validates rules/ (walls, every rule reached, every scenario passing, a label of its own) and switches atomically; on any problem keeps serving the current ruleset and answers 422 listing every file:line (header Lexgate-Active-Ruleset). Role author.")
    @APIResponse(responseCode = "200", description = "Switched (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.RulesetSwitch.class)))
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("author")
    @POST
    @Path("/reload")
    public Response reload(@jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext ctx) {
        ActiveRuleset.Reload r = active.reload(caller(ctx));
        if (!r.accepted()) {
            List<FieldError> errors = r.problems().stream().map(RulesetResource::problem).toList();
            Response p = Problem.response(422, "Unprocessable Content",
                    "the rules were not loaded; still serving " + r.active().digest(), errors);
            return Response.fromResponse(p).header("Lexgate-Active-Ruleset", r.active().digest()).build();
        }
        return Response.ok(switched(r, "reloaded")).build();
    }

    /**
     * Activates a stored ruleset by digest: one whose validation passed (a rollback activates an
     * earlier digest). 200 with what serves now and before; 404 for an unknown digest; 422 for a
     * ruleset that was never validated, failed validation, or shares its label with another.
     */
    @Operation(operationId = "activateRuleset", summary = "Activate a stored ruleset by digest",
            description = "Activates a stored ruleset whose validation passed (a rollback activates an earlier digest). 404 for an unknown digest; 422 for one never validated, failed, or sharing its label with another. Role author.")
    @APIResponse(responseCode = "200", description = "Activated (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.RulesetSwitch.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("author")
    @POST
    @Path("/{digest}/activate")
    public Response activate(@PathParam("digest") String digest,
                             @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext ctx) {
        ActiveRuleset.Reload r;
        try {
            r = active.activate(digest, caller(ctx));
        } catch (ActiveRuleset.ActivationRefused e) {
            return Problem.response(e.status(), e.status() == 404 ? "Not Found" : "Unprocessable Content", e.getMessage(), null);
        } catch (lexgate.rules.RulesetException e) {
            return Problem.response(422, "Unprocessable Content", "the stored ruleset cannot be compiled: "
                    + String.join("; ", e.problems()), null);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        return Response.ok(switched(r, "activated")).build();
    }

    private static Map<String, Object> switched(ActiveRuleset.Reload r, String verb) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.changed() ? verb : "unchanged");
        body.put("active", summary(r.active()));
        body.put("previous", Map.of("version", r.previous().version(), "digest", r.previous().digest()));
        return body;
    }

    /** Every activation, newest first, paged: which ruleset began to serve, when, by whom, how. */
    @Operation(operationId = "listRulesetActivations", summary = "Every activation, newest first",
            description = "Which ruleset began to serve, when, by whom, how (startup, reload, activate), and what it replaced; paged by page and size (at most 500). Roles review or author.")
    @APIResponse(responseCode = "200", description = "One page of activations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ActivationPage.class)))
    @APIResponse(responseCode = "404", description = "page or size is not a number (an unconvertible query parameter)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @jakarta.annotation.security.RolesAllowed({"review", "author"})
    @GET
    @Path("/activations")
    public Map<String, Object> activations(@QueryParam("page") @DefaultValue("0") int page,
                                           @QueryParam("size") @DefaultValue("50") int size) {
        int s = Math.max(1, Math.min(size, 500));
        try {
            return Map.of("page", Math.max(0, page), "size", s,
                    "items", store.activations(Math.max(0, page), s).stream().map(RulesetResource::activation).toList());
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    static Map<String, Object> activation(lexgate.store.RulesetActivationRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", a.seq);
        m.put("digest", a.digest);
        m.put("activatedAt", a.activatedAt.toString());
        m.put("activatedBy", a.activatedBy);
        m.put("via", a.via);
        m.put("previous", a.previousDigest);
        return m;
    }

    static String caller(jakarta.ws.rs.container.ContainerRequestContext ctx) {
        return Clients.of(ctx);
    }

    private static final java.util.regex.Pattern LOCATED = java.util.regex.Pattern.compile("^([^:]+):(\\d+)(?::(\\d+))?: (.*)$", java.util.regex.Pattern.DOTALL);

    /** "file:line[:column]: message" as a field error whose field is "file:line" (the column, if any, opens the message). */
    static FieldError problem(String p) {
        java.util.regex.Matcher m = LOCATED.matcher(p);
        if (!m.matches()) return new FieldError("rules", p);
        return new FieldError(m.group(1) + ":" + m.group(2), (m.group(3) != null ? "column " + m.group(3) + ": " : "") + m.group(4));
    }

    /** Body of a validation: files by path ("rules/..." or "policies/..."); overlay (default) lays them over the files on disk. */
    public record ValidateRequest(Map<String, String> files, Boolean overlay) {}

    /**
     * Checks a candidate set of rule, policy and scenario files without activating anything:
     * compile, lint, scenario reachability and every scenario's result. 200 with {@code valid}.
     */
    @Operation(operationId = "validateRuleset", summary = "Check a candidate set of rule, policy and scenario files",
            description = "Compiles, lints and runs every scenario over the files given (laid over the files on disk unless overlay is false); nothing is activated. The candidate is stored with its validation under its digest. valid only if all pass. One validation per caller at a time (429). Role author.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ValidateRequest.class)))
    @APIResponse(responseCode = "200", description = "The validation result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = lexgate.scenario.CandidateCheck.Result.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "ContentTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    @jakarta.annotation.security.RolesAllowed("author")
    @POST
    @Path("/validate")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response validate(String body, @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext ctx) {
        String by = caller(ctx);
        ValidateRequest req = validation.read(body);
        lexgate.scenario.CandidateCheck.Result result = validation.run(by, () -> lexgate.scenario.CandidateCheck.check(
                req.files(), req.overlay() == null || req.overlay(), active.rulesPath(), active.policiesPath()));
        if (result.ruleset() != null) {
            try {
                result = result.withProblems(active.labelProblems(result.ruleset()));
                // A candidate is stored with its validation, valid or not, so that it can be activated
                // by digest once it is valid, and refused by digest when it is not.
                if (!result.digest().equals(active.get().digest())) {
                    store.recordValidation(result.ruleset(), "candidate", new RulesetStore.Validation(result.valid(),
                            result.rules(), result.scenariosPassed(), result.scenariosFailed(), result.problems().size()), by);
                }
            } catch (RuntimeException e) {
                throw new StorageUnavailableException(e);
            }
        }
        return Response.ok(result).build();
    }

    @Inject
    ValidationLimits validation;

    /** Every stored ruleset, newest first, paged, each with its latest validation and its activations. */
    @Operation(operationId = "listRulesets", summary = "Every stored ruleset, newest first",
            description = "Each with its latest validation and its activations; paged by page and size (at most 200). Roles review or author.")
    @APIResponse(responseCode = "200", description = "One page of stored rulesets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.RulesetPage.class)))
    @APIResponse(responseCode = "404", description = "page or size is not a number (an unconvertible query parameter)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @jakarta.annotation.security.RolesAllowed({"review", "author"})
    @GET
    public Map<String, Object> list(@QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("20") int size) {
        int s = Math.max(1, Math.min(size, 200));
        int pg = Math.max(0, page);
        try {
            List<Map<String, Object>> items = store.page(pg, s).stream().map(rec -> {
                Map<String, Object> m = summary(rec);
                m.put("validation", store.latestValidation(rec.digest).map(RulesetResource::validationView).orElse(null));
                m.put("activations", store.activationsOf(rec.digest).stream().map(RulesetResource::activation).toList());
                m.put("active", rec.digest.equals(active.get().digest()));
                return m;
            }).toList();
            return Map.of("page", pg, "size", s, "total", store.count(), "active", summary(active.get()), "items", items);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** One stored ruleset: version, first load, files, and its rules with ids, citations and dates in force. */
    @Operation(operationId = "getRuleset", summary = "One stored ruleset",
            description = "Version, first load, files with contents, and rules with ids, citations and dates in force. Roles review or author.")
    @APIResponse(responseCode = "200", description = "The stored ruleset",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.StoredRuleset.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @jakarta.annotation.security.RolesAllowed({"review", "author"})
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

    private static Map<String, Object> validationView(lexgate.store.RulesetValidationRecord v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", v.valid);
        m.put("validatedAt", v.validatedAt.toString());
        m.put("validatedBy", v.validatedBy);
        return m;
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
        out.put("law", m.quotes());
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
