package lexgate.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class whose callers are identified by a browser session (the reviewer's desk,
 * {@code /ui}), not by an {@code Authorization} header: {@code lexgate.api.AuthFilter} leaves its requests to the
 * session filter of that resource, which must authenticate and authorise every one of them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SessionAuthenticated {
}
