package lexgate.security;

import java.util.Set;

/** An authenticated client (an API key as resolved, or a signed-in user of the desk): a stable id for the record ("key:&lt;id&gt;" or "jwt:&lt;sub&gt;") and its roles. */
public record Caller(String id, Set<Role> roles) {
    /** True when the caller holds one of the roles, or admin. */
    public boolean mayAny(Role... wanted) {
        Set<Role> held = Role.implied(roles);
        for (Role r : wanted) if (held.contains(r)) return true;
        return false;
    }
}
