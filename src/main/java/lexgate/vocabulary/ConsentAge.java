package lexgate.vocabulary;

import java.time.LocalDate;

/** A member state's age of digital consent under Art. 8(1) from {@code policies/consent-ages.yaml}. */
@Doc("A member state's age of digital consent under Art. 8(1) from policies/consent-ages.yaml.")
public final class ConsentAge implements Cited {
    private final String country, source;
    private final int age;
    private final boolean everyConsent;
    private final LocalDate from, until;
    private final java.util.List<String> citations;

    /** Built by the policy loader; {@code everyConsent} when the national law sets the age for every consent. */
    @Doc("Built by the policy loader; everyConsent when the national law sets the age for every consent.")
    public ConsentAge(String country, int age, String source, LocalDate from, LocalDate until, boolean everyConsent,
                      java.util.List<String> citations) {
        this.everyConsent = everyConsent;
        this.citations = java.util.List.copyOf(citations);
        this.country = country;
        this.age = age;
        this.source = source;
        this.from = from;
        this.until = until;
    }

    /** ISO country code. */
    @Doc("ISO country code.")
    public String getCountry() { return country; }
    /** The age below which a holder of parental responsibility must consent. */
    @Doc("The age below which a holder of parental responsibility must consent.")
    public int getAge() { return age; }
    /**
     * True when the national law sets this age for every processing based on a minor's consent, not only
     * for information society services offered directly to a child (Art. 8(1)); e.g. LOPDGDD art. 7.
     */
    @Doc("True when the national law sets this age for every processing based on a minor's consent, not only for information society services offered directly to a child (Art. 8(1)); e.g. LOPDGDD art. 7.")
    public boolean isEveryConsent() { return everyConsent; }
    /** The national provision that sets it. */
    @Doc("The national provision that sets it.")
    public String getSource() { return source; }
    /** True when this age applied on the day. */
    @Doc("True when this age applied on the day.")
    @RuleApi
    public boolean inForceOn(LocalDate day) { return InForce.on(from, until, day); }
    /** The citation ids of the sources that set this value (policies/citations.yaml). */
    @Doc("The citation ids of the sources that set this value (cite: in its policy file); they are added to the reasons of a rule that matched it.")
    @Override
    public java.util.List<String> getCitations() { return citations; }
}
