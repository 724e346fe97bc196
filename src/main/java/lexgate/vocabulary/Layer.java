package lexgate.vocabulary;

/** A layer of law that applies to the operation ("EU", "FR", "DE"); derived by the scope rules. */
@Doc("A layer of law that applies to the operation (\"EU\", \"FR\", \"DE\"); derived by the scope rules.")
public final class Layer {
    private final String code;

    /** Inserted by a scope rule. */
    @Doc("Inserted by a scope rule.")
    @RuleApi
    public Layer(String code) { this.code = code; }

    /** The layer's code. */
    @Doc("The layer's code.")
    @Codes(CodeSet.LAYER)
    public String getCode() { return code; }

    @Override public boolean equals(Object o) { return o instanceof Layer l && l.code.equals(code); }
    @Override public int hashCode() { return code.hashCode(); }
}
