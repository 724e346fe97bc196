/**
 * Where HTTP comes in: the REST resources (each naming its roles with {@code @RolesAllowed}; Quarkus
 * Security and {@link lexgate.security} authenticate), request parsing, and errors as problem details
 * (RFC 9457), 401 and 403 included.
 */
package lexgate.api;
