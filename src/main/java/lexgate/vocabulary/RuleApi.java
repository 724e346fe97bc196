package lexgate.vocabulary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks what a rule file may use beyond reading properties (the getters of fact types): a method it
 * may call ({@code hasCategory("health")}), a static helper ({@code Finding.deny(...)}), or a
 * constructor it may use in {@code new} ({@code new Conclusion(...)}). The allow-list that checks
 * every rule file ({@code lexgate.rules.RuleAllowList}) accepts nothing else, and the author
 * reference is generated from these marks.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface RuleApi {
    /** One sentence for legal authors: what the method answers or makes. */
    String value() default "";
}
