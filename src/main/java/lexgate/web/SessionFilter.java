package lexgate.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import lexgate.security.ApiKeyRecord;
import lexgate.security.Role;
import lexgate.security.SessionAuthenticated;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import jakarta.ws.rs.container.ContainerResponseContext;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Optional;

/**
 * Guards every page of the desk: without a live session, to the sign-in page; with one, the role the
 * page names with {@link PageRoles} (review when it names none; admin implies every role), else a 403 page that shows no data.
 */
public class SessionFilter {

    @Inject
    WebSessions sessions;

    @Inject
    Pages pages;

    @ServerRequestFilter
    public Response check(ContainerRequestContext ctx, ResourceInfo resource) {
        Class<?> type = resource.getResourceClass();
        if (type == null || !type.isAnnotationPresent(SessionAuthenticated.class)) return null;
        Method m = resource.getResourceMethod();
        if ("POST".equals(ctx.getMethod()) && crossSite(ctx)) {
            return pages.page(403, "Form from another site", "This form was sent from another site; sign in and use the forms of this one.",
                    null, ctx);
        }
        Cookie cookie = ctx.getCookies().get(WebSessions.COOKIE);
        Optional<WebSessions.Session> s = sessions.find(cookie == null ? null : cookie.getValue());
        s.ifPresent(x -> ctx.setProperty(Pages.SESSION, x));
        if (m != null && m.isAnnotationPresent(Anonymous.class)) return null;
        if (s.isPresent() && revoked(s.get())) {
            sessions.close(cookie.getValue());
            ctx.removeProperty(Pages.SESSION);
            s = Optional.empty();
        }
        if (s.isEmpty()) return Response.seeOther(URI.create("/ui/login")).build();
        Role[] needed = needed(resource);
        if (!s.get().caller().mayAny(needed)) {
            StringBuilder roles = new StringBuilder();
            for (Role r : needed) roles.append(roles.length() == 0 ? "" : " or ").append(r.code());
            return pages.page(403, "Not for your role", "This page needs the role " + roles + " (or admin). Sign in with another key "
                    + "or ask your administrator.", null, ctx);
        }
        return null;
    }

    /**
     * True when a browser says the form comes from another site (its Origin's host is not this
     * request's host): refused before anything, sign-in included, which has no session token yet.
     */
    static boolean crossSite(ContainerRequestContext ctx) {
        String origin = ctx.getHeaderString("Origin");
        if (origin == null || origin.isEmpty()) return false;
        if (origin.equals("null")) return true;
        String host = ctx.getHeaderString("Host");
        try {
            String o = URI.create(origin).getHost();
            String h = host == null ? null : URI.create("http://" + host).getHost();
            return o == null || h == null || !o.equalsIgnoreCase(h);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * True when the session was opened with an API key that has since been revoked (checked on every
     * page: a read by primary key). Storage being down does not end a session; the page will say so.
     */
    static boolean revoked(WebSessions.Session s) {
        String id = s.caller().id();
        if (!id.startsWith("key:")) return false;
        try {
            ApiKeyRecord k = ApiKeyRecord.findById(id.substring(4));
            return k == null || k.revokedAt != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Every page of the desk: not cached (it shows personal data), not framed, no script and no
     * source but this service, no referrer sent to the official texts it links (same-origin: forms still carry their Origin).
     */
    @ServerResponseFilter
    public void harden(ContainerRequestContext req, ContainerResponseContext res, ResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type == null || !type.isAnnotationPresent(SessionAuthenticated.class)) return;
        var h = res.getHeaders();
        h.putSingle("Cache-Control", "no-store");
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "same-origin");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
    }

    private static Role[] needed(ResourceInfo resource) {
        Method m = resource.getResourceMethod();
        if (m != null && m.isAnnotationPresent(PageRoles.class)) return m.getAnnotation(PageRoles.class).value();
        Class<?> c = resource.getResourceClass();
        if (c != null && c.isAnnotationPresent(PageRoles.class)) return c.getAnnotation(PageRoles.class).value();
        return new Role[] {Role.REVIEW};
    }
}
