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

    /**
     * The roles a set of roles amounts to: admin implies decide, review and author. The one role
     * mapping of the service, for API keys, tokens and the desk's sessions alike.
     */
    public static java.util.Set<Role> implied(java.util.Set<Role> roles) {
        java.util.EnumSet<Role> all = roles.isEmpty() ? java.util.EnumSet.noneOf(Role.class) : java.util.EnumSet.copyOf(roles);
        if (all.contains(ADMIN)) all.addAll(java.util.EnumSet.allOf(Role.class));
        return all;
    }

    /** Parses "decide", "review", "author" or "admin"; null if unknown. */
    public static Role of(String s) {
        for (Role r : values()) if (r.code().equalsIgnoreCase(s == null ? "" : s.trim())) return r;
        return null;
    }
}
