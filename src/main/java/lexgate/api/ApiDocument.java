package lexgate.api;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Components;

/**
 * The OpenAPI document's frame (served at {@code /q/openapi}): what the API is, the bearer scheme
 * every {@code /v1} operation needs, its tags, and the problem responses the operations refer to by
 * name ({@code @APIResponse(ref = "NotFound")}). An {@code Application} because that is where the scanner
 * reads {@code @OpenAPIDefinition}; without {@code @ApplicationPath} or overrides it changes no path and
 * no resource (every resource is still discovered).
 * {@code OpenApiConformanceTest} checks the document against the running service and the contract.
 */
@OpenAPIDefinition(
        info = @Info(title = "Lexgate decision API", version = "v1",
                description = "Decisions on proposed processing of personal data under EU data-protection law (GDPR and "
                        + "national law), as the wire contract decision-api-v1 defines them. Every /v1 operation needs "
                        + "Authorization: Bearer <API key or JWT>; errors are RFC 9457 problem details "
                        + "(application/problem+json).",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
                @Tag(name = "decisions", description = "Evaluate a processing operation; read, find and prove stored decisions"),
                @Tag(name = "rulesets", description = "The ruleset serving decisions, stored rulesets, validation and activation"),
                @Tag(name = "rules", description = "The catalogue of active rules"),
                @Tag(name = "replays", description = "Re-evaluate stored decisions: one at a time, or an impact analysis"),
                @Tag(name = "audit", description = "The record's proof: chain verification, signed checkpoints, public keys"),
                @Tag(name = "keys", description = "API keys (admin)")},
        components = @Components(responses = {
                @APIResponse(name = "BadRequest", responseCode = "400",
                        description = "The body is not JSON, has fields of the wrong type, or a query parameter is malformed",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Unauthorized", responseCode = "401",
                        description = "No credential, or an unknown, revoked or invalid API key or JWT",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Forbidden", responseCode = "403",
                        description = "The caller lacks the role this operation needs (admin has every role)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "No such resource",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "ContentTooLarge", responseCode = "413", description = "The body is over the configured limit",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "The body is not application/json",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "UnprocessableContent", responseCode = "422",
                        description = "The request is well-formed but invalid; errors lists every problem at once",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "TooManyRequests", responseCode = "429", description = "This caller already has one running",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "ServiceUnavailable", responseCode = "503",
                        description = "Storage is unavailable, no ruleset was ever loaded, or no capacity is free; nothing was "
                                + "done. Retry later.",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))}))
@SecurityScheme(securitySchemeName = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "API key or JWT: Authorization: Bearer <API key or JWT>")
public class ApiDocument extends jakarta.ws.rs.core.Application {
    /** The name of the security scheme every /v1 operation requires. */
    public static final String BEARER = "bearer";
}
