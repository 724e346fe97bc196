package lexgate.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lexgate.api.BadRequestBodyException;
import lexgate.decision.FieldError;
import lexgate.decision.InvalidRequestException;
import lexgate.replay.ReplayException;
import lexgate.rules.NoRulesetException;
import lexgate.security.Caller;
import lexgate.security.Role;
import lexgate.store.StorageUnavailableException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/** What every page shares: who is signed in, the session's CSRF token, and the friendly error page. */
@ApplicationScoped
public class Pages {
    private static final Logger LOG = Logger.getLogger(Pages.class);
    /** The request property holding the {@link WebSessions.Session}. */
    static final String SESSION = "lexgate.web.session";

    @Inject
    @Location("ui/error.html")
    Template error;

    /** The session of this request (set by {@link SessionFilter}). */
    static WebSessions.Session session(ContainerRequestContext ctx) {
        Object s = ctx.getProperty(SESSION);
        if (s instanceof WebSessions.Session ws) return ws;
        throw new PageException(401, "Not signed in", "Sign in first.");
    }

    /** The template with the page frame's data: who, their roles, the CSRF token, the section of the menu. */
    static TemplateInstance frame(Template t, ContainerRequestContext ctx, String section) {
        Object s = ctx == null ? null : ctx.getProperty(SESSION);
        WebSessions.Session ws = s instanceof WebSessions.Session x ? x : null;
        return frame(t, ws, section);
    }

    static TemplateInstance frame(Template t, WebSessions.Session ws, String section) {
        Caller c = ws == null ? null : ws.caller();
        return t.data("me", c == null ? null : c.id())
                .data("myRoles", c == null ? "" : String.join(", ", c.roles().stream().map(Role::code).sorted().toList()))
                .data("csrf", ws == null ? "" : ws.csrf())
                .data("mayAuthor", c != null && c.mayAny(Role.AUTHOR))
                .data("section", section);
    }

    /** Refuses a form whose CSRF token is not the session's. */
    static void checkCsrf(ContainerRequestContext ctx, String token) {
        if (!session(ctx).csrfMatches(token)) {
            throw new PageException(403, "Form expired", "This form did not carry a valid token for your session "
                    + "(it may be older than your current sign-in). Go back, reload the page and try again.");
        }
    }

    /** A page for a status and message. */
    Response page(int status, String title, String detail, List<FieldError> errors, ContainerRequestContext ctx) {
        String html = frame(error, ctx, "").data("status", status).data("title", title).data("detail", detail)
                .data("errors", errors == null ? List.of() : errors.stream().map(e -> e.field() + ": " + e.message()).toList())
                .render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    /** The friendly page for whatever went wrong; never a stack trace (that goes to the log with an incident id). */
    Response error(Throwable t, ContainerRequestContext ctx) {
        if (t instanceof PageException p) return page(p.status, p.title, p.getMessage(), null, ctx);
        if (t instanceof ReplayException r) return page(r.status(), r.status() == 404 ? "Not found" : "Cannot do that", r.getMessage(), null, ctx);
        if (t instanceof InvalidRequestException e) return page(422, "Please check the form", "Some values are not accepted.", e.errors(), ctx);
        if (t instanceof BadRequestBodyException e) return page(400, "Please check the form", e.getMessage(), e.errors(), ctx);
        if (t instanceof StorageUnavailableException) {
            return page(503, "Storage unavailable", "The decision record cannot be read right now. Try again in a moment.", null, ctx);
        }
        if (t instanceof NoRulesetException) return page(503, "No ruleset", "No ruleset is active yet.", null, ctx);
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int s = w.getResponse().getStatus();
            return page(s, s == 404 ? "Not found" : "Cannot do that", s == 404 ? "There is no such page or record." : "The request was not accepted.", null, ctx);
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(t, "reviewer's desk: incident %s", incident);
        return page(500, "Something went wrong", "The page could not be shown. If it happens again, give your administrator the incident number "
                + incident + ".", null, ctx);
    }
}
