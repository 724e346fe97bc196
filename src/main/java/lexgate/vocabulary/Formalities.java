package lexgate.vocabulary;

/**
 * {@code formalities}: prior formalities that national law or the GDPR attach to some processing.
 * Always present; {@code present} is false when the request had no formalities object.
 */
public final class Formalities {
    private final boolean present;
    private final Tri authorisation, priorConsultation, collectiveAgreement;
    private final String referenceMethodology;

    /** Built by the decision layer. */
    public Formalities(boolean present, Tri authorisation, String referenceMethodology, Tri priorConsultation,
                       Tri collectiveAgreement) {
        this.present = present;
        this.authorisation = authorisation;
        this.referenceMethodology = referenceMethodology;
        this.priorConsultation = priorConsultation;
        this.collectiveAgreement = collectiveAgreement;
    }

    /** True when the request carried a formalities object. */
    @Doc("True when the request carried a formalities object.")
    public boolean isPresent() { return present; }
    /** {@code formalities.authorisation}: a prior authorisation national law requires was granted (e.g. FR LIL art. 66). */
    @Doc(value = "formalities.authorisation: a prior authorisation national law requires was granted (e.g. FR LIL art. 66).", field = "formalities.authorisation")
    public Tri getAuthorisation() { return authorisation; }
    /** {@code formalities.referenceMethodology}: the CNIL reference methodology declared ("MR-001" ... "MR-008"), or null. */
    @Doc(value = "formalities.referenceMethodology: the CNIL reference methodology declared (\"MR-001\" ... \"MR-008\"), or null.", field = "formalities.referenceMethodology")
    public String getReferenceMethodology() { return referenceMethodology; }
    /** True when a reference methodology is declared. */
    @Doc("True when a reference methodology is declared.")
    @RuleApi
    public boolean hasReferenceMethodology() { return referenceMethodology != null; }
    /** {@code formalities.priorConsultation}: the authority was consulted under Art. 36. */
    @Doc(value = "formalities.priorConsultation: the authority was consulted under Art. 36.", field = "formalities.priorConsultation")
    public Tri getPriorConsultation() { return priorConsultation; }
    /** {@code formalities.collectiveAgreement}: a works or collective agreement governs the processing (Art. 88). */
    @Doc(value = "formalities.collectiveAgreement: a works or collective agreement governs the processing (Art. 88).", field = "formalities.collectiveAgreement")
    public Tri getCollectiveAgreement() { return collectiveAgreement; }
}
