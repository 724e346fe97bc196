package lexgate.vocabulary;

/** {@code automatedDecision}. Always present; {@code present} is false when the request had none. */
@Doc("automatedDecision. Always present; present is false when the request had none.")
public final class AutomatedDecision {
    private final boolean present;
    private final Tri solelyAutomated, legalOrSimilarEffect, humanReview;
    private final String exception;

    /** Built by the decision layer. */
    public AutomatedDecision(boolean present, Tri solelyAutomated, Tri legalOrSimilarEffect, Tri humanReview,
                             String exception) {
        this.present = present;
        this.solelyAutomated = solelyAutomated;
        this.legalOrSimilarEffect = legalOrSimilarEffect;
        this.humanReview = humanReview;
        this.exception = exception;
    }

    /** True when the request carried an automatedDecision object. */
    @Doc("True when the request carried an automatedDecision object.")
    public boolean isPresent() { return present; }
    /** {@code automatedDecision.solelyAutomated}. */
    @Doc(value = "automatedDecision.solelyAutomated.", field = "automatedDecision.solelyAutomated")
    public Tri getSolelyAutomated() { return solelyAutomated; }
    /** {@code automatedDecision.legalOrSimilarEffect}. */
    @Doc(value = "automatedDecision.legalOrSimilarEffect.", field = "automatedDecision.legalOrSimilarEffect")
    public Tri getLegalOrSimilarEffect() { return legalOrSimilarEffect; }
    /** {@code automatedDecision.humanReview}. */
    @Doc(value = "automatedDecision.humanReview.", field = "automatedDecision.humanReview")
    public Tri getHumanReview() { return humanReview; }
    /** {@code automatedDecision.exception}: "contract", "law", "explicit-consent", "none" or null. */
    @Doc(value = "automatedDecision.exception: \"contract\", \"law\", \"explicit-consent\", \"none\" or null.", field = "automatedDecision.exception")
    @Codes(CodeSet.EXCEPTION)
    public String getException() { return exception; }
}
