package lexgate.vocabulary;

import java.time.LocalDate;

/** A retention limit for a purpose in one jurisdiction, from {@code policies/retention.yaml}. */
@Doc("A retention limit for a purpose in one jurisdiction, from policies/retention.yaml.")
public final class RetentionLimit implements Cited {
    private final String purpose, jurisdiction, period, source;
    private final LocalDate from, until;
    private final java.util.List<String> citations;

    /** Built by the policy loader. {@code period} is ISO-8601 ("P3D", "P1M", "P10Y"). */
    @Doc("Built by the policy loader. period is ISO-8601 (\"P3D\", \"P1M\", \"P10Y\").")
    public RetentionLimit(String purpose, String jurisdiction, String period, String source,
                          LocalDate from, LocalDate until, java.util.List<String> citations) {
        this.citations = java.util.List.copyOf(citations);
        this.purpose = purpose;
        this.jurisdiction = jurisdiction;
        this.period = period;
        this.source = source;
        this.from = from;
        this.until = until;
    }

    /** The purpose code. */
    @Doc("The purpose code.")
    @Codes(CodeSet.PURPOSE)
    public String getPurpose() { return purpose; }
    /** "EU" or a national layer code. */
    @Doc("\"EU\" or a national layer code.")
    @Codes(CodeSet.LAYER)
    public String getJurisdiction() { return jurisdiction; }
    /** ISO-8601 period. */
    @Doc("ISO-8601 period.")
    @Codes(CodeSet.PERIOD)
    public String getPeriod() { return period; }
    /** The period as a person writes it, in the language of the answer: "18 months", "18 mois", "18 Monate". */
    @Doc("The period as a person writes it, for explanations: \"18 months\", \"1 year and 6 months\"; "
            + "a translated explanation reads it in its own language (\"18 mois\", \"18 Monate\").")
    public PeriodInWords getPeriodInWords() {
        return PeriodInWords.of(period);
    }

    /** The provision or guidance that sets the limit. */
    @Doc("The provision or guidance that sets the limit.")
    public String getSource() { return source; }
    /** True when this limit applied on the day. */
    @Doc("True when this limit applied on the day.")
    @RuleApi
    public boolean inForceOn(LocalDate day) { return InForce.on(from, until, day); }
    /** The citation ids of the sources that set this value (policies/citations.yaml). */
    @Doc("The citation ids of the sources that set this value (cite: in its policy file); they are added to the reasons of a rule that matched it.")
    @Override
    public java.util.List<String> getCitations() { return citations; }
}
