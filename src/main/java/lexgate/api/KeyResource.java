package lexgate.api;

import lexgate.security.*;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lexgate.decision.FieldError;
import lexgate.decision.InvalidRequestException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** API keys, for admins: create (the key is shown once), list (no secrets), revoke. */
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@jakarta.annotation.security.RolesAllowed("admin")
@Tag(name = "keys")
@SecurityRequirement(name = ApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class KeyResource {

    @Inject
    ApiKeys keys;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    /** Body of a key creation. */
    public record CreateKey(String name, List<String> roles) {}

    /** Creates a key; 201 with the key, which is never shown again. */
    @Operation(operationId = "createKey", summary = "Create an API key",
            description = "The key is in the answer and never shown again; roles are one or more of decide, review, author, admin. Role admin.")
    @APIResponse(responseCode = "201", description = "Created; key is the secret, shown once",
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Location", required = true,
                    description = "/v1/keys/{id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeys.Created.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateKey.class))) String body) {
        // Read here rather than bound by Quarkus REST, whose Jackson reader answers a body it cannot read
        // with a bare 400 that no exception mapper sees: every bad body is a problem that says why.
        CreateKey req;
        try {
            req = body == null || body.isBlank() ? null : mapper.readValue(body, CreateKey.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestBodyException(
                    "the request body is not JSON of the form {\"name\": \"...\", \"roles\": [\"review\"]}", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        if (req == null || req.name() == null || req.name().isBlank()) errors.add(new FieldError("name", "is required"));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (req == null || req.roles() == null || req.roles().isEmpty()) {
            errors.add(new FieldError("roles", "is required: one or more of decide, review, author, admin"));
        } else {
            for (int i = 0; i < req.roles().size(); i++) {
                Role r = Role.of(req.roles().get(i));
                if (r == null) errors.add(new FieldError("roles[" + i + "]", "'" + req.roles().get(i) + "' is not one of decide, review, author, admin"));
                else roles.add(r);
            }
        }
        if (!errors.isEmpty()) throw new InvalidRequestException(errors);
        ApiKeys.Created c = keys.create(req.name().trim(), roles);
        return Response.status(201).header("Location", "/v1/keys/" + c.id()).entity(c).build();
    }

    /** Every key with its roles and dates, never the secret. */
    @Operation(operationId = "listKeys", summary = "Every API key",
            description = "With roles and dates, never the secret. Role admin.")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = ApiSchemas.ApiKey.class)))
    @GET
    public List<Map<String, Object>> list() {
        return keys.list().stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", k.id);
            m.put("name", k.name);
            m.put("roles", List.of(k.roles.split(",")));
            m.put("createdAt", k.createdAt.toString());
            m.put("revokedAt", k.revokedAt == null ? null : k.revokedAt.toString());
            return m;
        }).toList();
    }

    /** Revokes a key (it stays listed, for the record). */
    @Operation(operationId = "revokeKey", summary = "Revoke an API key",
            description = "It stays listed, with revokedAt. Role admin.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        return keys.revoke(id) ? Response.noContent().build()
                : Problem.response(404, "Not Found", "no key " + id, null);
    }
}
