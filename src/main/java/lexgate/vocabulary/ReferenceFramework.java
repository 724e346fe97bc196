package lexgate.vocabulary;

import java.time.LocalDate;
import java.util.List;

/**
 * A framework an authority publishes whose declared conformity takes the place of a prior
 * authorisation national law requires (FR: a CNIL méthodologie de référence or référentiel under
 * LIL art. 66 III), from {@code policies/formalities.yaml}.
 */
@Doc("A framework an authority publishes whose declared conformity takes the place of a prior authorisation national law requires (FR: a CNIL méthodologie de référence or référentiel, LIL art. 66 III), from policies/formalities.yaml.")
public final class ReferenceFramework implements Cited {
    private final String code, country, title, source;
    private final List<String> bases;
    private final LocalDate from, until;
    private final List<String> citations;

    /** Built by the policy loader. */
    @Doc("Built by the policy loader.")
    public ReferenceFramework(String code, String country, String title, String source, List<String> bases,
                              LocalDate from, LocalDate until, List<String> citations) {
        this.code = code;
        this.country = country;
        this.title = title;
        this.source = source;
        this.bases = List.copyOf(bases);
        this.from = from;
        this.until = until;
        this.citations = List.copyOf(citations);
    }

    /** The code a request declares in {@code formalities.referenceMethodology} ("MR-004", "2021-118"). */
    @Doc("The code a request declares in formalities.referenceMethodology (\"MR-004\", \"2021-118\").")
    public String getCode() { return code; }
    /** ISO code of the country whose law provides the formality. */
    @Doc("ISO code of the country whose law provides the formality.")
    public String getCountry() { return country; }
    /** What the framework covers, in the authority's words. */
    @Doc("What the framework covers, in the authority's words.")
    public String getTitle() { return title; }
    /** The act that adopted it. */
    @Doc("The act that adopted it.")
    public String getSource() { return source; }
    /** True when a declaration of conformity to it could be made on the day. */
    @Doc("True when a declaration of conformity to it could be made on the day.")
    @RuleApi
    public boolean inForceOn(LocalDate day) { return InForce.on(from, until, day); }
    /** True when the framework covers processing on this Art. 6(1) basis (every basis when it names none). */
    @Doc("True when the framework covers processing on this Art. 6(1) basis (\"6(1)(e)\"); a framework that names no basis covers every one.")
    @RuleApi
    public boolean covers(String basis) { return bases.isEmpty() || bases.contains(basis); }
    /** The citation ids of the sources that set this value (policies/citations.yaml). */
    @Doc("The citation ids of the sources that set this value (cite: in its policy file); they are added to the reasons of a rule that matched it.")
    @Override
    public List<String> getCitations() { return citations; }
}
