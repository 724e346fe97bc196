package lexgate.vocabulary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a vocabulary type or property means, for legal authors: the authors' reference
 * (docs/authoring.md, generated) and the error messages read it at run time. {@code field} names the
 * request field a property comes from, where it comes from one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Doc {
    /** One or two sentences. */
    String value();

    /** The request field (decision-api-v1) the property comes from, e.g. "subjects.minimumAge"; empty if none. */
    String field() default "";
}
