package lexgate.vocabulary;

/** One entry of {@code data.categories}, joined with its taxonomy entry in {@code policies/data-categories.yaml}. */
@Doc("One entry of data.categories, joined with its taxonomy entry in policies/data-categories.yaml.")
public final class DataCategory {
    private final String code;
    private final String kind;

    /** Built by the decision layer. */
    @Doc("Built by the decision layer.")
    public DataCategory(String code, String kind) {
        this.code = code;
        this.kind = kind;
    }

    /** The category code. */
    @Doc("The category code.")
    @Codes(CodeSet.DATA_CATEGORY)
    public String getCode() { return code; }
    /** The taxonomy kind: "ordinary", "special" (Art. 9(1)) or "criminal" (Art. 10). */
    @Doc("The taxonomy kind: \"ordinary\", \"special\" (Art. 9(1)) or \"criminal\" (Art. 10).")
    @Codes(CodeSet.CATEGORY_KIND)
    public String getKind() { return kind; }
}
