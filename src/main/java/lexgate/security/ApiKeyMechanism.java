package lexgate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * {@code Authorization: Bearer <API key>}. Tried before SmallRye JWT's mechanism (higher
 * priority): a bearer token of three dot-separated parts is a JWT and is left to it; any other
 * bearer token is an API key, resolved by {@link ApiKeyIdentityProvider}. No header, or another
 * scheme, is no credential here (the request stays anonymous, and {@code @RolesAllowed} answers 401).
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {
    /** Above SmallRye JWT's (1000), so that keys never reach the JWT parser. */
    static final int PRIORITY = DEFAULT_PRIORITY + 1000;

    /** The challenge of every 401 of the API. */
    public static final String CHALLENGE = "Bearer realm=\"lexgate\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearer(context.request().getHeader("Authorization"));
        if (token == null || isJwt(token)) return Uni.createFrom().nullItem();
        if (token.isEmpty()) return Uni.createFrom().failure(new AuthenticationFailedException("empty bearer token"));
        return identities.authenticate(new ApiKeyRequest(token));
    }

    /** The token of a {@code Bearer} header, trimmed; null when there is no such header. */
    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)) return null;
        if (header.length() > 6 && header.charAt(6) != ' ') return null;
        return header.substring(6).trim();
    }

    /** True for a compact JWS (header.payload.signature): SmallRye JWT's to verify. */
    public static boolean isJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
