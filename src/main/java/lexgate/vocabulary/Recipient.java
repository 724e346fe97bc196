package lexgate.vocabulary;

/** One entry of {@code recipients}. */
@Doc("One entry of recipients.")
public final class Recipient {
    private final int index;
    private final String name, role, country;
    private final Tri processingAgreement;

    /** Built by the decision layer. */
    public Recipient(int index, String name, String role, String country, Tri processingAgreement) {
        this.index = index;
        this.name = name;
        this.role = role;
        this.country = country;
        this.processingAgreement = processingAgreement;
    }

    /** Position in {@code recipients}. */
    @Doc("Position in recipients.")
    public int getIndex() { return index; }
    /** The request path of this recipient's field, e.g. {@code recipients[0].processingAgreement}. */
    @Doc("The request path of this recipient's field, e.g. recipients[0].processingAgreement.")
    @RuleApi
    public String field(String name) { return "recipients[" + index + "]." + name; }
    /** The recipient's name. */
    @Doc(value = "The recipient's name.", field = "recipients[].name")
    public String getName() { return name; }
    /** "processor", "controller" or "joint-controller" (null if unknown). */
    @Doc(value = "\"processor\", \"controller\" or \"joint-controller\" (null if unknown).", field = "recipients[].role")
    @Codes(CodeSet.RECIPIENT_ROLE)
    public String getRole() { return role; }
    /** ISO country code, or null. */
    @Doc(value = "ISO country code, or null.", field = "recipients[].country")
    @Codes(CodeSet.COUNTRY)
    public String getCountry() { return country; }
    /** {@code recipients[].processingAgreement}. */
    @Doc(value = "recipients[].processingAgreement.", field = "recipients[].processingAgreement")
    public Tri getProcessingAgreement() { return processingAgreement; }
}
