package lexgate.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import lexgate.decision.InvalidRequestException;
import lexgate.rules.NoRulesetException;
import lexgate.store.StorageUnavailableException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into problem details: never a stack trace, SQL or a class name. */
public class ProblemMappers {
    /** True when the error comes from the database (on any path): the answer is 503, never 500. */
    static boolean fromStorage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof StorageUnavailableException || t instanceof jakarta.transaction.SystemException
                    || t.getClass().getName().startsWith("org.hibernate.exception.")) {
                return true;
            }
        }
        return false;
    }

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Problem.response(422, "Unprocessable Content",
                e.errors().size() + " problem(s) with the request; see errors", e.errors());
    }

    @ServerExceptionMapper
    public Response badBody(BadRequestBodyException e) {
        return Problem.response(400, "Bad Request", e.getMessage(), e.errors().isEmpty() ? null : e.errors());
    }

    @ServerExceptionMapper
    public Response noRuleset(NoRulesetException e) {
        return Problem.response(503, "Service Unavailable", "no ruleset is loaded; decisions cannot be made", null);
    }

    @ServerExceptionMapper
    public Response storage(StorageUnavailableException e) {
        return Problem.response(503, "Service Unavailable",
                "decision storage is unavailable; no decision was made. Retry later.", null);
    }

    @ServerExceptionMapper
    public Response validationRefused(ValidationLimits.Refused e) {
        int st = e.status();
        return Problem.response(st, switch (st) {
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Unprocessable Content";
        }, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response idempotencyConflict(lexgate.decision.DecisionService.IdempotencyConflict e) {
        return Problem.response(422, "Unprocessable Content", e.getMessage(),
                java.util.List.of(new lexgate.decision.FieldError("Idempotency-Key", "was used before with a different request body")));
    }

    @ServerExceptionMapper
    public Response overloaded(lexgate.decision.EvaluationPool.Overloaded e) {
        return Problem.response(503, "Service Unavailable", "no evaluation capacity is free right now; no decision was made. Retry later.", null);
    }

    @ServerExceptionMapper
    public Response replay(lexgate.replay.ReplayException e) {
        return Problem.response(e.status(), e.status() == 404 ? "Not Found" : "Unprocessable Content", e.getMessage(), null);
    }

    /**
     * A body Jackson could not read for an endpoint that binds it to a type (POST /v1/keys): a 400
     * problem with where it went wrong, never Jackson's bodiless answer or a class name.
     */
    @ServerExceptionMapper
    public Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        String field = null;
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
                else if (r.getIndex() >= 0) b.append('[').append(r.getIndex()).append(']');
            }
            field = b.length() == 0 ? null : b.toString();
        }
        String detail = field == null ? "the body is not JSON of the expected shape" + where
                : "field " + field + " has a value of the wrong type" + where;
        return Problem.response(400, "Bad Request", detail,
                field == null ? null : List.of(new lexgate.decision.FieldError(field, "a value of the wrong type")));
    }

    /**
     * No credentials (none sent, or a scheme other than Bearer) on an endpoint that needs a role:
     * 401 with the challenge.
     */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e) {
        return unauthorized("send Authorization: Bearer <API key or token>");
    }

    /**
     * Credentials that do not hold (an unknown or revoked key; a token badly signed, expired beyond
     * the clock skew, for another issuer or audience): 401. Keys that cannot be checked because
     * storage is down: 503, never 500 or a misleading 401.
     */
    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.AuthenticationFailedException e) {
        if (lexgate.security.Credentials.storageDown(e) != null) return keysUnavailable(null);
        return unauthorized("the API key or token is not valid (unknown, revoked or expired)");
    }

    @ServerExceptionMapper
    public Response keysUnavailable(lexgate.security.ApiKeys.KeyStoreUnavailableException e) {
        return Problem.response(503, "Service Unavailable", "credentials cannot be checked: storage is unavailable. Retry later.", null);
    }

    /** Authenticated, but without a role the endpoint names with {@code @RolesAllowed} (admin where it names none). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, jakarta.ws.rs.container.ResourceInfo resource) {
        String[] needed = needed(resource);
        String roles = String.join(" or ", needed);
        boolean adminOnly = needed.length == 1 && "admin".equals(needed[0]);
        return Problem.response(403, "Forbidden", "this needs the role " + roles + (adminOnly ? "" : " (or admin)"), null);
    }

    private static String[] needed(jakarta.ws.rs.container.ResourceInfo resource) {
        java.lang.reflect.Method m = resource == null ? null : resource.getResourceMethod();
        if (m != null && m.isAnnotationPresent(jakarta.annotation.security.RolesAllowed.class)) {
            return m.getAnnotation(jakarta.annotation.security.RolesAllowed.class).value();
        }
        Class<?> c = resource == null ? null : resource.getResourceClass();
        if (c != null && c.isAnnotationPresent(jakarta.annotation.security.RolesAllowed.class)) {
            return c.getAnnotation(jakarta.annotation.security.RolesAllowed.class).value();
        }
        return new String[] {"admin"}; // quarkus.security.jaxrs.default-roles-allowed
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.response(401, "Unauthorized", detail, null))
                .header("WWW-Authenticate", lexgate.security.ApiKeyMechanism.CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Problem.response(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (fromStorage(e)) {
            LOG.warnf("storage unavailable: %s", e.getClass().getSimpleName());
            return storage(new StorageUnavailableException(e));
        }
        LOG.error("unexpected error", e);
        return Problem.response(500, "Internal Server Error", "an unexpected error occurred; it has been logged", null);
    }
}
