package lexgate.vocabulary;

import java.time.LocalDate;

/** A member state's age of digital consent under Art. 8(1) from {@code policies/consent-ages.yaml}. */
@Doc("A member state's age of digital consent under Art. 8(1) from policies/consent-ages.yaml.")
public final class ConsentAge {
    private final String country, source;
    private final int age;
    private final LocalDate from, until;

    /** Built by the policy loader. */
    @Doc("Built by the policy loader.")
    public ConsentAge(String country, int age, String source, LocalDate from, LocalDate until) {
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
    /** The national provision that sets it. */
    @Doc("The national provision that sets it.")
    public String getSource() { return source; }
    /** True when this age applied on the day. */
    @Doc("True when this age applied on the day.")
    @RuleApi
    public boolean inForceOn(LocalDate day) { return InForce.on(from, until, day); }
}
