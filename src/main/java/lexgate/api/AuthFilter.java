package lexgate.api;

import lexgate.security.*;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Authenticates every API request ({@code Authorization: Bearer <api key or JWT>}) and checks the
 * role the endpoint names with {@link Allowed}; an endpoint without it needs admin. Health and
 * OpenAPI are not API resources and stay open. 401 and 403 are problem details.
 */
public class AuthFilter {
    /** The request property holding the {@link Caller}. */
    public static final String CALLER = "lexgate.caller";

    @Inject
    ApiKeys keys;

    @Inject
    JwtVerifier jwt;

    @ConfigProperty(name = "lexgate.auth.enabled", defaultValue = "true")
    boolean enabled;

    /**
     * Runs on whatever thread the endpoint runs on. On an I/O thread (non-blocking endpoints such
     * as {@code POST /v1/decisions}) only a cached API key is checked in place; a key not cached
     * (a database read) or a token (its key set may be fetched) is checked on a worker thread.
     */
    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext ctx, ResourceInfo resource) {
        // The browser pages authenticate with their session cookie (their own filter), never a header.
        Class<?> type = resource.getResourceClass();
        if (type != null && type.isAnnotationPresent(SessionAuthenticated.class)) return NOTHING;
        if (!enabled) {
            ctx.setProperty(CALLER, Caller.ANONYMOUS);
            return NOTHING;
        }
        String header = ctx.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
            return Uni.createFrom().item(unauthorized("send Authorization: Bearer <API key or token>"));
        }
        String token = header.substring(7).trim();
        boolean isJwt = token.chars().filter(c -> c == '.').count() == 2;
        if (!BlockingOperationControl.isBlockingAllowed()) {
            Optional<Optional<Caller>> cached = isJwt ? Optional.empty() : keys.cached(token);
            if (cached.isEmpty()) {
                return Uni.createFrom().item(() -> attempt(() -> authorise(ctx, resource, identify(token, isJwt))))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            }
            return Uni.createFrom().item(authorise(ctx, resource, cached.get()));
        }
        return Uni.createFrom().item(attempt(() -> authorise(ctx, resource, identify(token, isJwt))));
    }

    private Optional<Caller> identify(String token, boolean isJwt) {
        return isJwt ? jwt.verify(token) : keys.authenticate(token);
    }

    /** Authenticates, and answers 503 (not 500) when the keys cannot be checked because storage is down. */
    private static Response attempt(java.util.function.Supplier<Response> check) {
        try {
            return check.get();
        } catch (ApiKeys.KeyStoreUnavailableException e) {
            return Problem.response(503, "Service Unavailable", "credentials cannot be checked: storage is unavailable. Retry later.", null);
        }
    }

    private static final Uni<Response> NOTHING = Uni.createFrom().nullItem();

    /** Null to go on (the caller is set on the request), else the 401 or 403 to answer. */
    private static Response authorise(ContainerRequestContext ctx, ResourceInfo resource, Optional<Caller> caller) {
        if (caller.isEmpty()) return unauthorized("the API key or token is not valid (unknown, revoked or expired)");
        Role[] needed = needed(resource);
        if (!caller.get().mayAny(needed)) {
            StringBuilder roles = new StringBuilder();
            for (Role r : needed) roles.append(roles.length() == 0 ? "" : " or ").append(r.code());
            return Problem.response(403, "Forbidden", "this needs the role " + roles + " (or admin)", null);
        }
        ctx.setProperty(CALLER, caller.get());
        return null;
    }

    private static Role[] needed(ResourceInfo resource) {
        Method m = resource.getResourceMethod();
        if (m != null && m.isAnnotationPresent(Allowed.class)) return m.getAnnotation(Allowed.class).value();
        Class<?> c = resource.getResourceClass();
        if (c != null && c.isAnnotationPresent(Allowed.class)) return c.getAnnotation(Allowed.class).value();
        return new Role[] {Role.ADMIN};
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.response(401, "Unauthorized", detail, null))
                .header("WWW-Authenticate", "Bearer realm=\"lexgate\"").build();
    }
}
