package lexgate.vocabulary;

/** One entry of {@code transfers}. */
@Doc("One entry of transfers.")
public final class Transfer {
    private final int index;
    private final String country, mechanism;
    private final Tri transferImpactAssessment, supplementaryMeasures;

    /** Built by the decision layer. */
    public Transfer(int index, String country, String mechanism, Tri transferImpactAssessment,
                    Tri supplementaryMeasures) {
        this.index = index;
        this.country = country;
        this.mechanism = mechanism;
        this.transferImpactAssessment = transferImpactAssessment;
        this.supplementaryMeasures = supplementaryMeasures;
    }

    /** Position in {@code transfers}, for naming the field of a missing fact. */
    @Doc("Position in transfers, for naming the field of a missing fact.")
    public int getIndex() { return index; }
    /** Destination, ISO country code. */
    @Doc(value = "Destination, ISO country code.", field = "transfers[].country")
    @Codes(CodeSet.COUNTRY)
    public String getCountry() { return country; }
    /** "adequacy", "dpf", "scc", "bcr", "derogation-art49", "none", or null when unknown. */
    @Doc(value = "\"adequacy\", \"dpf\", \"scc\", \"bcr\", \"derogation-art49\", \"none\", or null when unknown.", field = "transfers[].mechanism")
    @Codes(CodeSet.MECHANISM)
    public String getMechanism() { return mechanism; }
    /** {@code transfers[].transferImpactAssessment}. */
    @Doc(value = "transfers[].transferImpactAssessment.", field = "transfers[].transferImpactAssessment")
    public Tri getTransferImpactAssessment() { return transferImpactAssessment; }
    /** {@code transfers[].supplementaryMeasures}. */
    @Doc(value = "transfers[].supplementaryMeasures.", field = "transfers[].supplementaryMeasures")
    public Tri getSupplementaryMeasures() { return supplementaryMeasures; }
    /** The request path of this transfer's field, e.g. {@code transfers[0].mechanism}. */
    @Doc("The request path of this transfer's field, e.g. transfers[0].mechanism.")
    @RuleApi
    public String field(String name) { return "transfers[" + index + "]." + name; }
}
