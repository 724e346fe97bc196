/**
 * Who may ask what, on Quarkus Security: API keys (stored hashed) through {@link lexgate.security.ApiKeyMechanism}
 * and {@link lexgate.security.ApiKeyIdentityProvider}, bearer JWTs through SmallRye JWT, both mapped by
 * {@link lexgate.security.RoleAugmentor} to the roles decide, review, author and admin (admin implies the
 * others); resources name the roles they need with {@code @RolesAllowed}.
 */
package lexgate.security;
