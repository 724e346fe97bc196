package lexgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import lexgate.security.Caller;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the desk, in memory: the cookie carries only an opaque random id; the caller
 * it stands for (never the key or token that proved it) and the session's CSRF token stay here.
 * A session ends after {@link #IDLE} without a request, after {@link #MAX_AGE} in any case, or at sign-out.
 */
@ApplicationScoped
public class WebSessions {
    /** The cookie's name. */
    public static final String COOKIE = "lexgate_session";
    /** Idle time after which a session ends. */
    public static final Duration IDLE = Duration.ofHours(8);
    /** A session's longest life, however busy. */
    public static final Duration MAX_AGE = Duration.ofHours(12);
    /** Sessions kept at most; the least recently used go first beyond it. */
    static final int MAX_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One signed-in browser. */
    public static final class Session {
        final String id;
        final Caller caller;
        final String csrf;
        final Instant created;
        volatile Instant lastSeen;

        Session(String id, Caller caller, String csrf, Instant now) {
            this.id = id;
            this.caller = caller;
            this.csrf = csrf;
            this.created = now;
            this.lastSeen = now;
        }

        /** Who signed in. */
        public Caller caller() { return caller; }

        /** The token every form of this session carries. */
        public String csrf() { return csrf; }

        /** True when the token is this session's (compared in constant time). */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** Opens a session for the caller; the returned session's id goes into the cookie. */
    public Session open(Caller caller) {
        Instant now = Instant.now();
        purge(now);
        Session s = new Session(token(), caller, token(), now);
        sessions.put(s.id, s);
        return s;
    }

    /** The live session with this id, its idle clock restarted; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) return Optional.empty();
        Session s = sessions.get(id);
        if (s == null) return Optional.empty();
        Instant now = Instant.now();
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    /** Ends the session. */
    public void close(String id) {
        if (id != null) sessions.remove(id);
    }

    private static boolean expired(Session s, Instant now) {
        return s.lastSeen.plus(IDLE).isBefore(now) || s.created.plus(MAX_AGE).isBefore(now);
    }

    private void purge(Instant now) {
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(java.util.Comparator.comparing(s -> s.lastSeen)).ifPresent(s -> sessions.remove(s.id));
        }
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
