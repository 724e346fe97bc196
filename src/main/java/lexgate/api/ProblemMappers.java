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
