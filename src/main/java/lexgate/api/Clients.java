package lexgate.api;

import jakarta.ws.rs.container.ContainerRequestContext;

import java.security.Principal;

/** The client recorded with what a request does: the name of its authenticated principal. */
final class Clients {
    private Clients() {}

    /**
     * {@code key:<id>} for an API key, {@code jwt:<sub>} for a token (lexgate.security.RoleAugmentor),
     * the user of {@code @TestSecurity} in tests; "anonymous" on an endpoint that needs no role.
     */
    static String of(ContainerRequestContext ctx) {
        Principal p = ctx.getSecurityContext() == null ? null : ctx.getSecurityContext().getUserPrincipal();
        return p == null || p.getName() == null || p.getName().isEmpty() ? "anonymous" : p.getName();
    }
}
