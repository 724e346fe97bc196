package lexgate.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * An API key's identity is made once with its roles resolved, and the augmentor leaves it as it
 * is; any other identity, even one naming the same attribute, is still augmented.
 */
class ResolvedIdentityTest {

    @Test
    void aKeysIdentityCarriesTheRolesItsRolesImply() {
        SecurityIdentity admin = ApiKeyIdentityProvider.identity(new Caller("key:a1", EnumSet.of(Role.ADMIN)));
        assertEquals("key:a1", admin.getPrincipal().getName());
        assertEquals(Set.of("admin", "decide", "review", "author"), admin.getRoles());
        SecurityIdentity reviewer = ApiKeyIdentityProvider.identity(new Caller("key:r1", EnumSet.of(Role.REVIEW)));
        assertEquals(Set.of("review"), reviewer.getRoles());
    }

    @Test
    void theAugmentorLeavesAResolvedIdentityAsItIs() {
        SecurityIdentity key = ApiKeyIdentityProvider.identity(new Caller("key:d1", EnumSet.of(Role.DECIDE)));
        SecurityIdentity after = new RoleAugmentor().augment(key, null).await().indefinitely();
        assertSame(key, after);
    }

    @Test
    void theMarkIsTheObjectNotTheAttributesName() {
        // Another identity that names the attribute with any other value (as a token's claims could)
        // is augmented as before: admin still becomes admin, decide, review and author.
        for (Object forged : new Object[] {Boolean.TRUE, "true", new Object()}) {
            SecurityIdentity other = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("someone"))
                    .addRole("admin").addAttribute(RoleAugmentor.RESOLVED, forged).build();
            SecurityIdentity after = new RoleAugmentor().augment(other, null).await().indefinitely();
            assertNotSame(other, after);
            assertEquals(Set.of("admin", "decide", "review", "author"), after.getRoles());
        }
    }
}
