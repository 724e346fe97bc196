package lexgate.vocabulary;

import java.time.LocalDate;
import java.util.List;

/** An adequacy decision under Art. 45 from {@code policies/adequacy.yaml}, with the dates it covers. */
@Doc("An adequacy decision under Art. 45 from policies/adequacy.yaml, with the dates it covers.")
public final class Adequacy implements Cited {
    private final String country, decision;
    private final LocalDate from, until;
    private final java.util.List<String> citations;
    private final List<String> mechanisms;
    private final boolean wholeCountry;

    /**
     * Built by the policy loader. {@code until} is exclusive and null while in force; {@code wholeCountry}
     * is false for a decision that covers only organisations certified under it (the US: Privacy Shield,
     * Data Privacy Framework).
     */
    @Doc("Built by the policy loader. until is exclusive and null while in force; wholeCountry is false for a decision that covers only organisations certified under it.")
    public Adequacy(String country, String decision, LocalDate from, LocalDate until, List<String> mechanisms,
                    boolean wholeCountry, java.util.List<String> citations) {
        this.wholeCountry = wholeCountry;
        this.citations = java.util.List.copyOf(citations);
        this.country = country;
        this.decision = decision;
        this.from = from;
        this.until = until;
        this.mechanisms = List.copyOf(mechanisms);
    }

    /** ISO country code. */
    @Doc("ISO country code.")
    @Codes(CodeSet.COUNTRY)
    public String getCountry() { return country; }
    /** The decision's name, e.g. "Commission Implementing Decision (EU) 2023/1795". */
    @Doc("The decision's name, e.g. \"Commission Implementing Decision (EU) 2023/1795\".")
    public String getDecision() { return decision; }
    /** First day in force. */
    @Doc("First day in force.")
    public LocalDate getFrom() { return from; }
    /** First day no longer in force, or null. */
    @Doc("First day no longer in force, or null.")
    public LocalDate getUntil() { return until; }
    /** Transfer mechanisms the decision covers, e.g. ["adequacy"] or ["dpf"] for certified US organisations. */
    @Doc("Transfer mechanisms the decision covers, e.g. [\"adequacy\"] or [\"dpf\"] for certified US organisations.")
    public List<String> getMechanisms() { return mechanisms; }
    /**
     * True when the decision covers every transfer to the country ({@code scope: country} in the policy,
     * the default); false when it covers only organisations certified under it ({@code scope: certified}).
     */
    @Doc("True when the decision covers every transfer to the country (scope: country, the default); false when it covers only organisations certified under it (scope: certified).")
    public boolean isWholeCountry() { return wholeCountry; }
    /** True when the decision was in force on the day. */
    @Doc("True when the decision was in force on the day.")
    @RuleApi
    public boolean inForceOn(LocalDate day) { return InForce.on(from, until, day); }
    /** True when the decision covers a transfer made under the mechanism. */
    @Doc("True when the decision covers a transfer made under the mechanism.")
    @RuleApi
    public boolean covers(@Codes(CodeSet.MECHANISM) String mechanism) { return mechanisms.contains(mechanism); }
    /** The citation ids of the sources that set this value (policies/citations.yaml). */
    @Doc("The citation ids of the sources that set this value (cite: in its policy file); they are added to the reasons of a rule that matched it.")
    @Override
    public java.util.List<String> getCitations() { return citations; }
}
