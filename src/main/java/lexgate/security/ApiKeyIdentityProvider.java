package lexgate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Resolves an API key to the identity {@code key:<id>} with the key's roles. A key checked in the
 * last seconds is answered from {@link ApiKeys}' cache in place, with no database call (so a
 * non-blocking endpoint such as {@code POST /v1/decisions} stays on its I/O thread); any other key
 * is looked up on a worker thread. Storage down and the key not seen recently:
 * {@link ApiKeys.KeyStoreUnavailableException} (a 503, not a 401).
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    @Inject
    ApiKeys keys;

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        Optional<Optional<Caller>> cached = keys.cached(request.key());
        if (cached.isPresent()) {
            try {
                return Uni.createFrom().item(identity(cached.get()));
            } catch (AuthenticationFailedException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return context.runBlocking(() -> identity(keys.authenticate(request.key())));
    }

    /**
     * The identity of each caller seen, made once: a key's identity is the same for every request
     * it signs (its id and roles; a revoked key no longer reaches here), and building it, then
     * rebuilding it in {@link RoleAugmentor}, was a few KB of garbage on every request.
     */
    private final java.util.concurrent.ConcurrentHashMap<Caller, SecurityIdentity> identities = new java.util.concurrent.ConcurrentHashMap<>();

    private SecurityIdentity identity(Optional<Caller> caller) {
        if (caller.isEmpty()) throw new AuthenticationFailedException("unknown or revoked API key");
        SecurityIdentity made = identities.get(caller.get());
        if (made == null) {
            if (identities.size() > 10_000) identities.clear();
            made = identities.computeIfAbsent(caller.get(), ApiKeyIdentityProvider::identity);
        }
        return made;
    }

    /** The caller's principal and roles with those they imply ({@link Role#implied}), marked as augmented already. */
    static SecurityIdentity identity(Caller caller) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(caller.id()))
                .addAttribute(RoleAugmentor.RESOLVED, RoleAugmentor.RESOLVED_MARK);
        Role.implied(caller.roles()).forEach(r -> b.addRole(r.code()));
        return b.build();
    }
}
