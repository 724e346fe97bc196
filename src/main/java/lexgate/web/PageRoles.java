package lexgate.web;

import lexgate.security.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may see a page of the desk (any one suffices; review when a page names none),
 * checked by {@link SessionFilter} against the signed-in session with the service's one role
 * mapping ({@link Role#implied}: admin implies the others). Not {@code @RolesAllowed}: the desk is
 * signed in with a session cookie, not with the API's bearer credentials, and its refusals are pages.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface PageRoles {
    /** Accepted roles. */
    Role[] value();
}
