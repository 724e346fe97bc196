package lexgate.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class whose callers are identified by a browser session (the reviewer's desk,
 * {@code /ui}), not by an {@code Authorization} header. Such a class is {@code @PermitAll} for Quarkus Security;
 * the session filter of the desk authenticates and authorises every one of its requests.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SessionAuthenticated {
}
