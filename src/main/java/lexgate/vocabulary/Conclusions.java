package lexgate.vocabulary;

import java.util.Collection;

/** Helpers for rule explanations built from several conclusions. */
@Doc("Helpers for rule explanations built from several conclusions.")
public final class Conclusions {
    private Conclusions() {}

    /**
     * The distinct details, sorted by their English and joined with "; " (" ; " in French), so
     * explanations do not depend on firing order; {@link Words} read in the language of the answer.
     */
    @Doc("The distinct details, sorted by their English and joined with \"; \" (\" ; \" in French), so explanations do not depend on firing order; "
            + "details given as Words read in the language of the answer.")
    @RuleApi
    public static Words details(Collection<?> details) {
        return Words.joined(details);
    }
}
