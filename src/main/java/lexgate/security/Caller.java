package lexgate.security;

import java.util.Set;

/** An authenticated client: a stable id for the record ("key:&lt;id&gt;" or "jwt:&lt;sub&gt;") and its roles. */
public record Caller(String id, Set<Role> roles) {
    /** The caller recorded when authentication is switched off (development only). */
    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of(Role.values()));

    /** True when the caller holds one of the roles, or admin. */
    public boolean mayAny(Role... wanted) {
        if (roles.contains(Role.ADMIN)) return true;
        for (Role r : wanted) if (roles.contains(r)) return true;
        return false;
    }
}
