package lexgate.vocabulary;

/**
 * An intermediate legal conclusion that one rule derives and others build on, e.g. "consent-invalid";
 * inserted logically, so it disappears with its grounds. Never part of the response by itself.
 */
public final class Conclusion {
    private final String key;
    private final String detail;

    /** A conclusion with a key only. */
    @Doc("A conclusion with a key only.")
    @RuleApi
    public Conclusion(String key) { this(key, ""); }

    /** A conclusion about one thing, e.g. ("special-category", "health"). */
    @Doc("A conclusion about one thing, e.g. (\"special-category\", \"health\").")
    @RuleApi
    public Conclusion(String key, String detail) {
        this.key = key;
        this.detail = detail;
    }

    /** The conclusion's key. */
    @Doc("The conclusion's key.")
    public String getKey() { return key; }
    /** What it is about, or "". */
    @Doc("What it is about, or \"\".")
    public String getDetail() { return detail; }

    @Override public boolean equals(Object o) {
        return o instanceof Conclusion c && c.key.equals(key) && c.detail.equals(detail);
    }
    @Override public int hashCode() { return key.hashCode() * 31 + detail.hashCode(); }
}
