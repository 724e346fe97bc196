package lexgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lexgate.decision.DecisionService;
import lexgate.store.DecisionRecord;
import lexgate.store.DecisionStore;
import lexgate.store.StorageUnavailableException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;


/** {@code POST /v1/decisions} evaluates and stores; {@code GET /v1/decisions/{id}} reads a stored decision back. */
@Path("/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions")
@SecurityRequirement(name = ApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class DecisionResource {

    @Inject
    DecisionService decisions;

    @Inject
    DecisionStore store;

    @Inject
    ObjectMapper mapper;

    /** The largest decision request body (the contract's configured limit, 256 KiB by default). */
    @Inject
    lexgate.config.LexgateConfig config;

    /**
     * Evaluates one processing operation; 201 with the decision once it is stored. Runs on the
     * I/O thread that read the request (no hand-off to a worker thread, none parked while the
     * record commits): the evaluation is pure computation, and the answer is written on this
     * request's I/O thread when the writer's commit completes the stage.
     */
    @Operation(operationId = "decide", summary = "Evaluate one processing operation",
            description = "Evaluates the operation against the active ruleset and answers 201 once the decision is stored, "
                    + "with its Location. Absent request fields are unknown, never false: a rule that needs an unknown fact "
                    + "answers REVIEW and names it under missing. A repeat with the same Idempotency-Key and body answers 200 "
                    + "with the first decision. Role decide.")
    @RequestBody(required = true, description = "A processing operation (decision-api-v1)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = lexgate.decision.OperationRequest.class),
            examples = {
                    @ExampleObject(name = "ai-training-with-safeguards", summary = "examples/ai-training-with-safeguards.json",
                            value = ApiExamples.AI_TRAINING_WITH_SAFEGUARDS),
                    @ExampleObject(name = "ai-training-no-notice-no-opt-out", summary = "examples/ai-training-no-notice-no-opt-out.json",
                            value = ApiExamples.AI_TRAINING_NO_NOTICE_NO_OPT_OUT),
                    @ExampleObject(name = "ai-training-pre-ticked-consent", summary = "examples/ai-training-pre-ticked-consent.json",
                            value = ApiExamples.AI_TRAINING_PRE_TICKED_CONSENT)}))
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = "1 to 255 printable ASCII characters; a retry with the same key and body returns the first decision",
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @Parameter(name = "Accept-Language", in = ParameterIn.HEADER, required = false,
            description = "the language of the explanations (en, fr, de); English when none fits",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "201", description = "The decision, stored",
            headers = {@Header(name = "Location", required = true, description = "/v1/decisions/{decisionId}",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Language", description = "the language of the explanations",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = lexgate.decision.Decision.class)))
    @APIResponse(responseCode = "200", description = "A retry with the same Idempotency-Key and body: the decision first made for it",
            headers = @Header(name = "Location", required = true, description = "/v1/decisions/{decisionId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = lexgate.decision.Decision.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "ContentTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("decide")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @NonBlocking
    public CompletionStage<Response> decide(byte[] body, @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext ctx) {
        int maxBody = config.decisions().maxBodyBytes();
        if (body != null && body.length > maxBody) {
            return java.util.concurrent.CompletableFuture.completedFuture(Problem.response(413, "Content Too Large",
                    "the request body is larger than " + maxBody + " bytes", null));
        }
        // The body as bytes: JSON is UTF-8 and is read as such, with no String made first. A body
        // that names another charset (application/json has none, but a client may send one) is
        // decoded as it says, as before; the digest of an Idempotency-Key is then over its UTF-8.
        String charset = ctx.getMediaType() == null ? null : ctx.getMediaType().getParameters().get("charset");
        java.nio.charset.Charset declared;
        try {
            declared = charset == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset);
        } catch (IllegalArgumentException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(Problem.response(415, "Unsupported Media Type",
                    "the charset '" + charset + "' of Content-Type is not one this service reads; send UTF-8", null));
        }
        if (!declared.equals(java.nio.charset.StandardCharsets.UTF_8) && body != null) {
            body = new String(body, declared).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        io.vertx.core.Context io = Vertx.currentContext();
        Executor after = io == null ? Runnable::run : task -> io.runOnContext(v -> task.run());
        String key = ctx.getHeaderString("Idempotency-Key");
        lexgate.decision.OperationRequest parsed = RequestReader.read(body); // a bad body is a 400/422 whatever the headers
        String client = Clients.of(ctx);
        CompletionStage<DecisionService.Decided> decided;
        String lang = Languages.pick(ctx.getHeaderString("Accept-Language"));
        if (key == null) {
            decided = decisions.decideAsync(parsed, client, lang, after);
        } else {
            if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw new lexgate.decision.InvalidRequestException(java.util.List.of(new lexgate.decision.FieldError("Idempotency-Key",
                        "must be 1 to 255 printable ASCII characters")));
            }
            decided = decisions.decideIdempotent(parsed, client,
                    new DecisionService.Idempotency(key, lexgate.store.DecisionChain.sha256(body)), lang, after);
        }
        // The body is the JSON already serialised for the record: no second serialisation, and the
        // 201 is byte for byte what GET returns (less "request"). The contract shows a path-only
        // Location; header() keeps it as written. A retry with the same Idempotency-Key and body gets
        // 200 with the first decision's body and Location.
        return decided.thenApply(d -> Response.status(d.replayed() ? 200 : 201).header("Location", "/v1/decisions/" + d.decisionId())
                .header("Content-Language", d.replayed() ? null : lang).type(MediaType.APPLICATION_JSON).entity(d.body()).build());
    }

    @Inject
    DecisionListing listing;

    /**
     * Finds stored decisions, newest first (contract, "Finding stored decisions"): filters outcome,
     * purpose, rule, citation (an id prefix), operationId, client, storedFrom/storedTo, asOfFrom/asOfTo;
     * {@code limit} (default 50, at most 500) and the opaque {@code cursor} of the previous page's
     * {@code next}.
     */
    @Operation(operationId = "findDecisions", summary = "Find stored decisions",
            description = "Stored decisions, newest first, filtered (all filters optional, combined with AND) and paged; the "
                    + "next page is in next and in the Link header (rel=\"next\"). Accept: text/csv gives the same rows as "
                    + "CSV (RFC 4180, a header line). Role review.")
    @Parameter(name = "outcome", in = ParameterIn.QUERY, schema = @Schema(implementation = lexgate.decision.Decision.Outcome.class))
    @Parameter(name = "purpose", in = ParameterIn.QUERY, description = "purpose.code", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "rule", in = ParameterIn.QUERY, description = "a rule id among the reasons or obligations",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "citation", in = ParameterIn.QUERY, description = "a citation id prefix, e.g. eu-gdpr:A6",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "operationId", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "client", in = ParameterIn.QUERY, description = "the API key id or JWT subject that asked",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "storedFrom", in = ParameterIn.QUERY, description = "ISO instant or date", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "storedTo", in = ParameterIn.QUERY, description = "ISO instant or date", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "asOfFrom", in = ParameterIn.QUERY, description = "ISO date", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "asOfTo", in = ParameterIn.QUERY, description = "ISO date", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1 to 500, default 50",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the next of the previous page, unchanged",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "One page of stored decisions",
            headers = @Header(name = "Link", description = "<…>; rel=\"next\" when there is a next page", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.DecisionPage.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                            description = "decisionId,operationId,outcome,asOf,evaluatedAt,purpose,controller,client,rulesetVersion,"
                                    + "rulesetDigest,rules"))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        DecisionListing.Page page = listing.page(uri.getQueryParameters());
        Response.ResponseBuilder r = Response.ok(new ApiSchemas.DecisionPage(page.items(), page.next()));
        if (page.next() != null) r.header("Link", "<" + DecisionListing.nextLink(uri, page.next()) + ">; rel=\"next\"");
        return r.build();
    }

    /** The same page as CSV (RFC 4180, a header line); the next page is in the {@code Link} header (rel="next"). */
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Produces("text/csv")
    public Response listCsv(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        DecisionListing.Page page = listing.page(uri.getQueryParameters());
        Response.ResponseBuilder r = Response.ok(DecisionListing.csv(DecisionListing.CSV_HEADER, DecisionListing.csvRows(page)))
                .type("text/csv; charset=UTF-8; header=present");
        if (page.next() != null) {
            r.header("Link", "<" + DecisionListing.nextLink(uri, page.next()) + ">; rel=\"next\"");
            r.header("Lexgate-Next-Cursor", page.next());
        }
        return r.build();
    }

    @Inject
    lexgate.audit.EvidenceService evidence;

    /**
     * The evidence document of one decision: request and response as stored, its place in the chain
     * and its audit path to a signed checkpoint, and every file of the ruleset that decided; checkable
     * offline with {@code bin/lexgate verify-evidence FILE --public-key KEY}. 404 problem if unknown.
     */
    @Operation(operationId = "getDecisionEvidence", summary = "The evidence document of one decision",
            description = "Request and response as stored, the record's place and hashes in the chain, a signed checkpoint that "
                    + "covers it with its audit path, and every file of the ruleset that decided; checkable offline with "
                    + "bin/lexgate verify-evidence FILE --public-key KEY. Role review.")
    @APIResponse(responseCode = "200", description = "The evidence document (served as an attachment)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.Evidence.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Path("/{id}/evidence")
    public Response evidence(@PathParam("id") String id) {
        java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> doc;
        try {
            doc = evidence.evidence(id);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        if (doc.isEmpty()) return Problem.response(404, "Not Found", "no decision with id " + id, null);
        return Response.ok(doc.get()).header("Content-Disposition", "attachment; filename=\"evidence-" + id + ".json\"").build();
    }

    /** The stored decision with the request it evaluated; 404 problem if unknown. */
    @Operation(operationId = "getDecision", summary = "A stored decision",
            description = "The same body as the 201 of decide plus request: the operation exactly as evaluated (after defaults). "
                    + "Role review.")
    @APIResponse(responseCode = "200", description = "The stored decision with its request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = lexgate.decision.Decision.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @jakarta.annotation.security.RolesAllowed("review")
    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) throws JsonProcessingException {
        DecisionRecord r;
        try {
            r = store.find(id).orElse(null);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        if (r == null) return Problem.response(404, "Not Found", "no decision with id " + id, null);
        ObjectNode body = (ObjectNode) mapper.readTree(r.responseJson);
        body.set("request", mapper.readTree(r.requestJson));
        return Response.ok(body).build();
    }
}
