package lexgate.vocabulary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The set of codes a text property or a method's parameter takes, so that a rule comparing it with a
 * literal ({@code purpose == "ai-model-training"}, {@code hasCategory("health")}) is checked against
 * that set: a misspelt code is an error, not a rule that silently never fires.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface Codes {
    /** Which set. */
    CodeSet value();
}
