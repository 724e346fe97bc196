package lexgate.vocabulary;

/** A national layer of law this organisation has enabled, from {@code policies/jurisdictions.yaml}. */
@Doc("A national layer of law this organisation has enabled, from policies/jurisdictions.yaml.")
public final class NationalLayer {
    private final String code, name;

    /** Built by the policy loader. */
    @Doc("Built by the policy loader.")
    public NationalLayer(String code, String name) {
        this.code = code;
        this.name = name;
    }

    /** The layer's code (an ISO country code). */
    @Doc("The layer's code (an ISO country code).")
    @Codes(CodeSet.LAYER)
    public String getCode() { return code; }
    /** Its name. */
    @Doc("Its name.")
    public String getName() { return name; }
}
