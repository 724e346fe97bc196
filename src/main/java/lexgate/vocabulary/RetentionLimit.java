package lexgate.vocabulary;

import java.time.LocalDate;

/** A retention limit for a purpose in one jurisdiction, from {@code policies/retention.yaml}. */
@Doc("A retention limit for a purpose in one jurisdiction, from policies/retention.yaml.")
public final class RetentionLimit implements Cited {
    private final String purpose, jurisdiction, period, source;
    private final LocalDate from, until;
    private final java.util.List<String> citations, categories;
    private final boolean review;

    /**
     * Built by the policy loader. {@code period} is ISO-8601 ("P3D", "P1M", "P10Y"); {@code categories},
     * when not empty, limits it to data of those categories (camera footage: images).
     */
    @Doc("Built by the policy loader. period is ISO-8601 (\"P3D\", \"P1M\", \"P10Y\"); categories, when not empty, limits it to data of those categories.")
    public RetentionLimit(String purpose, String jurisdiction, String period, String source,
                          LocalDate from, LocalDate until, java.util.List<String> categories, boolean review,
                          java.util.List<String> citations) {
        this.review = review;
        this.citations = java.util.List.copyOf(citations);
        this.categories = java.util.List.copyOf(categories);
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
    /**
     * True for a period beyond which a person must confirm why the data are kept ({@code effect: review}):
     * guidance that asks for more justification, or a shorter period the law sets for part of what the
     * purpose keeps; false for a limit that must not be exceeded ({@code effect: deny}, the default).
     */
    @Doc("True for a period beyond which a person must confirm why the data are kept (effect: review in retention.yaml); false for a limit that must not be exceeded (effect: deny, the default).")
    public boolean isReview() { return review; }
    /** The data categories the limit is for; empty: all the data of the purpose. */
    @Doc("The data categories the limit is for (categories in retention.yaml); empty: all the data of the purpose.")
    public java.util.List<String> getCategories() { return categories; }
    /** True when the limit is for every category, or the data include one of its categories. */
    @Doc("True when the limit is for all the data of the purpose, or the data include one of the categories it is for.")
    @RuleApi
    public boolean appliesTo(java.util.List<String> dataCategories) {
        return categories.isEmpty() || categories.stream().anyMatch(dataCategories::contains);
    }
    /** True when this limit applied on the day. */
    @Doc("True when this limit applied on the day.")
    @RuleApi
    public boolean inForceOn(LocalDate day) { return InForce.on(from, until, day); }
    /** The citation ids of the sources that set this value (policies/citations.yaml). */
    @Doc("The citation ids of the sources that set this value (cite: in its policy file); they are added to the reasons of a rule that matched it.")
    @Override
    public java.util.List<String> getCitations() { return citations; }
}
