/**
 * Who may ask what: API keys (stored hashed) and bearer JWTs, mapped to the roles decide, review,
 * author and admin; a request filter enforces the role each endpoint names with {@link lexgate.security.Allowed}.
 */
package lexgate.security;
