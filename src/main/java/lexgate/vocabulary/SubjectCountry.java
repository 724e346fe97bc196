package lexgate.vocabulary;

/** One entry of {@code subjects.countries}. */
@Doc("One entry of subjects.countries.")
public final class SubjectCountry {
    private final String code;

    /** Built by the decision layer. */
    @Doc("Built by the decision layer.")
    public SubjectCountry(String code) { this.code = code; }

    /** ISO 3166-1 alpha-2 code. */
    @Doc("ISO 3166-1 alpha-2 code.")
    @Codes(CodeSet.COUNTRY)
    public String getCode() { return code; }
}
