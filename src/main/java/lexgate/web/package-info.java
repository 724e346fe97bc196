/**
 * The reviewer's desk: server-rendered pages under {@code /ui} for reviewers and legal authors
 * (decisions, impact analyses, rules, coverage, rulesets compared), signed in with an API key or
 * token that becomes an opaque, server-side browser session. Uses the services the API uses; nothing
 * outside this package depends on it.
 */
package lexgate.web;
