package lexgate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What every authenticated identity (API key or JWT) becomes before a role is checked:
 * <ul>
 * <li>{@code admin} implies {@code decide}, {@code review} and {@code author} ({@link Role#implied});</li>
 * <li>a JWT's roles are its {@code groups} claim (MicroProfile JWT, read by SmallRye) and its
 * {@code roles} claim; its principal becomes {@code jwt:<sub>}, the client recorded with each
 * decision. A token without a subject, or with one over 255 characters (OpenID Connect's limit;
 * the record keeps "jwt:" + sub), is not a valid token.</li>
 * </ul>
 */
@ApplicationScoped
public class RoleAugmentor implements SecurityIdentityAugmentor {
    /** The longest subject OpenID Connect allows. */
    static final int MAX_SUBJECT = 255;

    /**
     * The attribute of an identity whose roles are already resolved ({@link ApiKeyIdentityProvider}
     * applies {@link Role#implied} itself): left as it is. Its value must be this very object,
     * which nothing outside this package can put in an identity (a token's claims cannot).
     */
    static final String RESOLVED = "lexgate.roles-resolved";
    static final Object RESOLVED_MARK = new Object();

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(RESOLVED) == RESOLVED_MARK) return Uni.createFrom().item(identity);
        try {
            return Uni.createFrom().item(augment(identity));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    static SecurityIdentity augment(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder(identity);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : identity.getRoles()) {
            Role role = Role.of(r);
            if (role != null) roles.add(role);
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String sub = jwt.getSubject();
            // OpenID Connect Core 1.0, section 2: sub "MUST NOT exceed 255 ASCII characters in length".
            if (sub == null || sub.isBlank() || sub.length() > MAX_SUBJECT) {
                throw new AuthenticationFailedException("the token has no subject, or one longer than " + MAX_SUBJECT);
            }
            Object claim = jwt.getClaim("roles");
            if (claim instanceof Collection<?> list) {
                for (Object o : list) {
                    Role role = Role.of(o instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(o));
                    if (role != null) roles.add(role);
                }
            }
            b.setPrincipal(new QuarkusPrincipal("jwt:" + sub));
        }
        Role.implied(roles).forEach(r -> b.addRole(r.code()));
        return b.build();
    }
}
