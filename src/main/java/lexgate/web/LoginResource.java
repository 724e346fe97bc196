package lexgate.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import lexgate.security.ApiKeys;
import lexgate.security.Caller;
import lexgate.security.Credentials;
import lexgate.security.SessionAuthenticated;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Optional;

/**
 * Signing in and out. The key or token pasted in the form is checked once, as the API checks it,
 * and is not kept: the browser gets an opaque session id (HttpOnly, SameSite=Strict, Secure over
 * https, Path=/ui).
 */
@Path("/ui")
@SessionAuthenticated
@jakarta.annotation.security.PermitAll // the session filter guards it, not the API's bearer mechanisms
@Blocking
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    @Inject
    Credentials credentials;

    @Inject
    WebSessions sessions;

    @Inject
    Pages pages;

    @Inject
    @Location("ui/login.html")
    Template login;

    @GET
    @Path("/login")
    @Anonymous
    public TemplateInstance form(@Context ContainerRequestContext ctx) {
        return Pages.frame(login, (WebSessions.Session) null, "login").data("problem", null);
    }

    @POST
    @Path("/login")
    @Anonymous
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("credential") String credential, @Context UriInfo uri) {
        String token = credential == null ? "" : credential.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
        if (token.isEmpty()) return refused("Paste an API key or a token.");
        Optional<Caller> caller;
        try {
            caller = credentials.check(token);
        } catch (ApiKeys.KeyStoreUnavailableException e) {
            return refused("Keys cannot be checked right now (storage unavailable). Try again in a moment.");
        }
        if (caller.isEmpty()) return refused("That key or token is not valid (unknown, revoked or expired).");
        WebSessions.Session s = sessions.open(caller.get());
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.seeOther(URI.create("/ui/")).header("Set-Cookie", cookie(s.id, https, false))
                .header("Cache-Control", "no-store").build();
    }

    private Response refused(String why) {
        String html = Pages.frame(login, (WebSessions.Session) null, "login").data("problem", why).render();
        return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf, @Context ContainerRequestContext ctx, @Context UriInfo uri) {
        Pages.checkCsrf(ctx, csrf);
        sessions.close(Pages.session(ctx).id);
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.seeOther(URI.create("/ui/login")).header("Set-Cookie", cookie("", https, true)).build();
    }

    /** The session cookie: only the opaque id, never readable by scripts, never sent cross-site, only to /ui. */
    static String cookie(String value, boolean secure, boolean expire) {
        return WebSessions.COOKIE + "=" + value + "; Path=/ui; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (expire ? "; Max-Age=0" : "");
    }

    @ServerExceptionMapper
    public Response map(RuntimeException e, ContainerRequestContext ctx) {
        return pages.error(e, ctx);
    }
}
