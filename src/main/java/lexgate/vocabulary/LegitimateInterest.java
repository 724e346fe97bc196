package lexgate.vocabulary;

/** {@code legalBasis.legitimateInterest}. Always present; {@code present} is false when the request had none. */
@Doc(value = "legalBasis.legitimateInterest. Always present; present is false when the request had none.", field = "legalBasis.legitimateInterest")
public final class LegitimateInterest {
    private final boolean present;
    private final String interest;
    private final Tri balancingTestDone, optOutOffered, withinReasonableExpectations;

    /** Built by the decision layer. */
    public LegitimateInterest(boolean present, String interest, Tri balancingTestDone, Tri optOutOffered,
                              Tri withinReasonableExpectations) {
        this.present = present;
        this.interest = interest;
        this.balancingTestDone = balancingTestDone;
        this.optOutOffered = optOutOffered;
        this.withinReasonableExpectations = withinReasonableExpectations;
    }

    /** True when the request carried a legitimateInterest object. */
    @Doc("True when the request carried a legitimateInterest object.")
    public boolean isPresent() { return present; }
    /** The interest pursued, or null. */
    @Doc("The interest pursued, or null.")
    public String getInterest() { return interest; }
    /** {@code legitimateInterest.balancingTestDone}. */
    @Doc(value = "legitimateInterest.balancingTestDone.", field = "legalBasis.legitimateInterest.balancingTestDone")
    public Tri getBalancingTestDone() { return balancingTestDone; }
    /** {@code legitimateInterest.optOutOffered}. */
    @Doc(value = "legitimateInterest.optOutOffered.", field = "legalBasis.legitimateInterest.optOutOffered")
    public Tri getOptOutOffered() { return optOutOffered; }
    /** {@code legitimateInterest.withinReasonableExpectations}. */
    @Doc(value = "legitimateInterest.withinReasonableExpectations.", field = "legalBasis.legitimateInterest.withinReasonableExpectations")
    public Tri getWithinReasonableExpectations() { return withinReasonableExpectations; }
}
