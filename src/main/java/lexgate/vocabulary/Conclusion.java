package lexgate.vocabulary;

/**
 * An intermediate legal conclusion that one rule derives and others build on, e.g. "consent-invalid";
 * inserted logically, so it disappears with its grounds. Never part of the response by itself.
 */
public final class Conclusion {
    private final String key;
    private final Words detail;

    /** A conclusion with a key only. */
    @Doc("A conclusion with a key only.")
    @RuleApi
    public Conclusion(String key) { this(key, ""); }

    /** A conclusion about one thing, e.g. ("special-category", "health"). */
    @Doc("A conclusion about one thing, e.g. (\"special-category\", \"health\").")
    @RuleApi
    public Conclusion(String key, String detail) {
        this(key, Words.same(detail));
    }

    /** A conclusion whose detail another rule's explanation shows, in the language of the answer. */
    @Doc("A conclusion whose detail another rule's explanation shows, in the language of the answer: "
            + "new Conclusion(\"dpia-required\", Words.of(\"Art. 35(3)(b)\", \"art. 35.3.b du RGPD\", \"Art. 35 Abs. 3 lit. b DSGVO\")).")
    @RuleApi
    public Conclusion(String key, Words detail) {
        this.key = key;
        this.detail = detail;
    }

    /** The conclusion's key. */
    @Doc("The conclusion's key.")
    public String getKey() { return key; }
    /** What it is about, or "". */
    @Doc("What it is about, or \"\".")
    public String getDetail() { return detail.toString(); }
    /** What it is about, in the language of the answer when spliced into an explanation. */
    @Doc("What it is about, in the language of the answer when spliced into an explanation.")
    public Words getWords() { return detail; }

    @Override public boolean equals(Object o) {
        return o instanceof Conclusion c && c.key.equals(key) && c.detail.equals(detail); // the English decides (Words.equals)
    }
    @Override public int hashCode() { return key.hashCode() * 31 + detail.hashCode(); }
}
