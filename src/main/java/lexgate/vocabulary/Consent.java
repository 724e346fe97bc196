package lexgate.vocabulary;

/** {@code legalBasis.consent}: the recorded qualities of consent. Always present; {@code present} is false when the request had no consent object. */
@Doc(value = "legalBasis.consent: the recorded qualities of consent. Always present; present is false when the request had no consent object.", field = "legalBasis.consent")
public final class Consent {
    private final boolean present;
    private final Tri freelyGiven, specific, informed, unambiguous, explicit, refusalAsEasyAsAcceptance,
            withdrawable, recordKept, parentalConsent, conditionOfService, equivalentAlternative;
    private final String collectedBy;

    /** Built by the decision layer. */
    public Consent(boolean present, Tri freelyGiven, Tri specific, Tri informed, Tri unambiguous, Tri explicit,
                   Tri refusalAsEasyAsAcceptance, Tri withdrawable, Tri recordKept, Tri parentalConsent,
                   String collectedBy, Tri conditionOfService, Tri equivalentAlternative) {
        this.present = present;
        this.freelyGiven = freelyGiven;
        this.specific = specific;
        this.informed = informed;
        this.unambiguous = unambiguous;
        this.explicit = explicit;
        this.refusalAsEasyAsAcceptance = refusalAsEasyAsAcceptance;
        this.withdrawable = withdrawable;
        this.recordKept = recordKept;
        this.parentalConsent = parentalConsent;
        this.collectedBy = collectedBy;
        this.conditionOfService = conditionOfService;
        this.equivalentAlternative = equivalentAlternative;
    }

    /** True when the request carried a consent object. */
    @Doc("True when the request carried a consent object.")
    public boolean isPresent() { return present; }
    /** {@code consent.freelyGiven}. */
    @Doc(value = "consent.freelyGiven.", field = "legalBasis.consent.freelyGiven")
    public Tri getFreelyGiven() { return freelyGiven; }
    /** {@code consent.specific}. */
    @Doc(value = "consent.specific.", field = "legalBasis.consent.specific")
    public Tri getSpecific() { return specific; }
    /** {@code consent.informed}. */
    @Doc(value = "consent.informed.", field = "legalBasis.consent.informed")
    public Tri getInformed() { return informed; }
    /** {@code consent.unambiguous}. */
    @Doc(value = "consent.unambiguous.", field = "legalBasis.consent.unambiguous")
    public Tri getUnambiguous() { return unambiguous; }
    /** {@code consent.explicit}. */
    @Doc(value = "consent.explicit.", field = "legalBasis.consent.explicit")
    public Tri getExplicit() { return explicit; }
    /** {@code consent.refusalAsEasyAsAcceptance}. */
    @Doc(value = "consent.refusalAsEasyAsAcceptance.", field = "legalBasis.consent.refusalAsEasyAsAcceptance")
    public Tri getRefusalAsEasyAsAcceptance() { return refusalAsEasyAsAcceptance; }
    /** {@code consent.withdrawable}. */
    @Doc(value = "consent.withdrawable.", field = "legalBasis.consent.withdrawable")
    public Tri getWithdrawable() { return withdrawable; }
    /** {@code consent.recordKept}. */
    @Doc(value = "consent.recordKept.", field = "legalBasis.consent.recordKept")
    public Tri getRecordKept() { return recordKept; }
    /** {@code consent.parentalConsent}. */
    @Doc(value = "consent.parentalConsent.", field = "legalBasis.consent.parentalConsent")
    public Tri getParentalConsent() { return parentalConsent; }
    /** {@code consent.collectedBy}: "controller", "third-party" or null. */
    @Doc(value = "consent.collectedBy: \"controller\", \"third-party\" or null.", field = "legalBasis.consent.collectedBy")
    @Codes(CodeSet.COLLECTED_BY)
    public String getCollectedBy() { return collectedBy; }
    /**
     * The names of the Art. 4(11) qualities (freelyGiven, specific, informed, unambiguous) that the
     * request left unknown, in that order.
     */
    @RuleApi
    public java.util.List<String> unknownQualities() {
        var out = new java.util.ArrayList<String>();
        if (freelyGiven.isUnknown()) out.add("freelyGiven");
        if (specific.isUnknown()) out.add("specific");
        if (informed.isUnknown()) out.add("informed");
        if (unambiguous.isUnknown()) out.add("unambiguous");
        return out;
    }
    /** {@code consent.conditionOfService}. */
    @Doc(value = "consent.conditionOfService.", field = "legalBasis.consent.conditionOfService")
    public Tri getConditionOfService() { return conditionOfService; }
    /**
     * {@code consent.equivalentAlternative}: where consent is a condition of service ("consent or
     * pay"), a genuinely equivalent version without this processing is offered, free or for an
     * appropriate fee (EDPB Opinion 08/2024).
     */
    @Doc(value = "Where consent is a condition of service (\"consent or pay\"): a genuinely equivalent version without this processing is offered, free or for an appropriate fee.", field = "legalBasis.consent.equivalentAlternative")
    public Tri getEquivalentAlternative() { return equivalentAlternative; }
}
