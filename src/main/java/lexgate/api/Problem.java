package lexgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import lexgate.decision.FieldError;

import java.util.List;

/** An RFC 9457 problem details body; {@code errors} lists field problems for 400 and 422. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem response with the given status. */
    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }
}
