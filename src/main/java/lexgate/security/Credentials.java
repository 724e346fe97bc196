package lexgate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a credential pasted outside an {@code Authorization} header (the desk's sign-in form)
 * exactly as the API checks it: a JWT through SmallRye JWT, anything else as an API key, both
 * through Quarkus Security's identity providers and {@link RoleAugmentor}. Blocking: call it from
 * a worker thread.
 */
@ApplicationScoped
public class Credentials {

    @Inject
    IdentityProviderManager identities;

    /**
     * The caller the key or token stands for; empty when it is not valid.
     *
     * @throws ApiKeys.KeyStoreUnavailableException when a key cannot be checked (storage down)
     */
    public Optional<Caller> check(String token) {
        try {
            SecurityIdentity id = identities.authenticateBlocking(ApiKeyMechanism.isJwt(token)
                    ? new TokenAuthenticationRequest(new JsonWebTokenCredential(token))
                    : new ApiKeyRequest(token));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String r : id.getRoles()) {
                Role role = Role.of(r);
                if (role != null) roles.add(role);
            }
            return Optional.of(new Caller(id.getPrincipal().getName(), roles));
        } catch (AuthenticationFailedException e) {
            ApiKeys.KeyStoreUnavailableException down = storageDown(e);
            if (down != null) throw down;
            return Optional.empty();
        }
    }

    /** The storage failure behind an authentication failure, if that is what it was. */
    public static ApiKeys.KeyStoreUnavailableException storageDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiKeys.KeyStoreUnavailableException k) return k;
        }
        return null;
    }
}
