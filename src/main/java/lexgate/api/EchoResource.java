package lexgate.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HTTP ceiling for the benchmark: echoes a JSON body through the same HTTP and JSON stack,
 * without rules or storage. Off unless {@code lexgate.bench.echo=true}; 404 otherwise. Like
 * {@code POST /v1/decisions} it runs on the I/O thread (no worker hand-off), so that the ceiling
 * is the best this stack does, not a handicapped one.
 */
@Path("/bench/echo")
public class EchoResource {

    @jakarta.inject.Inject
    lexgate.config.LexgateConfig config;

    /** Returns the body it was given. */
    @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true) // a benchmark aid, not public API
    @jakarta.annotation.security.RolesAllowed("decide")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @io.smallrye.common.annotation.NonBlocking
    public Response echo(com.fasterxml.jackson.databind.JsonNode body) {
        if (!config.bench().echo()) return Problem.response(404, "Not Found", null, null);
        return Response.ok(body).build();
    }
}
