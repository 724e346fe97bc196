package lexgate.vocabulary;

/** A country from {@code policies/countries.yaml}: whether it is in the EEA, where the GDPR applies directly. */
@Doc("A country from policies/countries.yaml: whether it is in the EEA, where the GDPR applies directly.")
public final class Country {
    private final String code, name;
    private final boolean eea;

    /** Built by the policy loader. */
    @Doc("Built by the policy loader.")
    public Country(String code, String name, boolean eea) {
        this.code = code;
        this.name = name;
        this.eea = eea;
    }

    /** ISO 3166-1 alpha-2 code. */
    @Doc("ISO 3166-1 alpha-2 code.")
    @Codes(CodeSet.COUNTRY)
    public String getCode() { return code; }
    /** English short name. */
    @Doc("English short name.")
    public String getName() { return name; }
    /** True for the EU member states and Iceland, Liechtenstein and Norway. */
    @Doc("True for the EU member states and Iceland, Liechtenstein and Norway.")
    public boolean isEea() { return eea; }
}
