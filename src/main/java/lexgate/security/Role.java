package lexgate.security;

/** The roles a client can hold; admin may do everything. */
public enum Role {
    /** Ask for decisions. */
    DECIDE,
    /** Read decisions, replay, verify the record. */
    REVIEW,
    /** Validate and reload rules. */
    AUTHOR,
    /** Manage keys (and everything else). */
    ADMIN;

    /** The lower-case name used in keys, tokens and documentation. */
    public String code() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Parses "decide", "review", "author" or "admin"; null if unknown. */
    public static Role of(String s) {
        for (Role r : values()) if (r.code().equalsIgnoreCase(s == null ? "" : s.trim())) return r;
        return null;
    }
}
