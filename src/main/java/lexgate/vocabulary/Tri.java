package lexgate.vocabulary;

/** A three-valued fact: a request field that is true, false, or absent (unknown is not false). */
@Doc("A three-valued fact: a request field that is true, false, or absent (unknown is not false).")
public enum Tri {
    TRUE, FALSE, UNKNOWN;

    /** Maps a nullable JSON boolean to a three-valued fact. */
    public static Tri of(Boolean b) {
        return b == null ? UNKNOWN : (b ? TRUE : FALSE);
    }

    /** True only when the fact is known to be true. */
    @Doc("True only when the fact is known to be true.")
    public boolean isTrue() { return this == TRUE; }

    /** True only when the fact is known to be false. */
    @Doc("True only when the fact is known to be false.")
    public boolean isFalse() { return this == FALSE; }

    /** True when the request left the fact out. */
    @Doc("True when the request left the fact out.")
    public boolean isUnknown() { return this == UNKNOWN; }
}
