package lexgate.vocabulary;

import java.util.Collection;
import java.util.stream.Collectors;

/** Helpers for rule explanations built from several conclusions. */
@Doc("Helpers for rule explanations built from several conclusions.")
public final class Conclusions {
    private Conclusions() {}

    /** The distinct details, sorted and joined with "; ", so explanations do not depend on firing order. */
    @Doc("The distinct details, sorted and joined with \"; \", so explanations do not depend on firing order.")
    @RuleApi
    public static String details(Collection<?> details) {
        return details.stream().map(String::valueOf).distinct().sorted().collect(Collectors.joining("; "));
    }
}
