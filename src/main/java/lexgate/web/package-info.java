/**
 * The reviewer's desk: server-rendered pages under {@code /ui} for reviewers and legal authors
 * (decisions, impact analyses, rules, coverage, rulesets compared), signed in with an API key or
 * token (checked by the API's own identity providers, lexgate.security.Credentials) that becomes an
 * opaque, server-side browser session, guarded by {@link lexgate.web.SessionFilter} with the same role
 * mapping (admin implies the others); the classes are {@code @PermitAll} to Quarkus Security. Uses the services the API uses; nothing
 * outside this package depends on it.
 */
package lexgate.web;
