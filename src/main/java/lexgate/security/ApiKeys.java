package lexgate.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * API keys: created with the roles they grant, shown once, stored only as a sha256 hash, revoked
 * but never deleted. A first admin key is made on first start (printed once) unless
 * {@code LEXGATE_BOOTSTRAP_ADMIN_KEY} supplies it.
 */
@ApplicationScoped
public class ApiKeys {
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Looked-up keys are remembered this long, so a revocation takes effect within it. */
    private static final long CACHE_MILLIS = 5_000;

    @ConfigProperty(name = "lexgate.bootstrap-admin-key")
    Optional<String> bootstrapKey;

    private record Cached(Optional<Caller> caller, long at) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A key as created: the secret is in {@code key} and is never shown again. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "CreatedKey")
    public record Created(String id, String name, String key, List<String> roles) {}

    void onStart(@Observes StartupEvent event) {
        try {
            bootstrap();
        } catch (RuntimeException e) {
            LOG.warn("could not check or create the first admin key (storage unavailable); will need a restart to bootstrap");
        }
    }

    private void bootstrap() {
        if (bootstrapKey.isPresent() && !bootstrapKey.get().isBlank()) {
            String hash = hash(bootstrapKey.get());
            boolean exists = QuarkusTransaction.requiringNew().call(() -> ApiKeyRecord.count("keyHash", hash) > 0);
            if (!exists) {
                store("bootstrap admin (LEXGATE_BOOTSTRAP_ADMIN_KEY)", hash, EnumSet.of(Role.ADMIN));
                LOG.info("first admin key taken from LEXGATE_BOOTSTRAP_ADMIN_KEY (only its hash is stored)");
            }
            return;
        }
        boolean anyAdmin = QuarkusTransaction.requiringNew().call(
                () -> ApiKeyRecord.count("revokedAt is null and roles like ?1", "%admin%") > 0);
        if (anyAdmin) return;
        Created c = create("first admin", EnumSet.of(Role.ADMIN));
        // Printed once, on purpose: only the hash is stored, so this is the only time it can be read.
        System.out.println("""

                ==========================================================================
                 Lexgate: first admin API key (shown once; only its hash is stored):
                   %s
                 Use it as  Authorization: Bearer <key>  and create other keys with
                   POST /v1/keys  {"name": "...", "roles": ["decide"]}
                ==========================================================================
                """.formatted(c.key()));
    }

    /** Creates a key with the given roles. */
    public Created create(String name, Set<Role> roles) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "lgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = store(name, hash(key), roles);
        return new Created(id, name, key, roles.stream().map(Role::code).sorted().toList());
    }

    private String store(String name, String hash, Set<Role> roles) {
        ApiKeyRecord r = new ApiKeyRecord();
        r.id = UUID.randomUUID().toString();
        r.name = name;
        r.keyHash = hash;
        r.roles = roles.stream().map(Role::code).sorted().collect(Collectors.joining(","));
        r.createdAt = Instant.now();
        QuarkusTransaction.requiringNew().run(r::persist);
        return r.id;
    }

    /** Revokes a key; false if there is no such key. */
    public boolean revoke(String id) {
        boolean done = QuarkusTransaction.requiringNew().call(() -> {
            ApiKeyRecord r = ApiKeyRecord.findById(id);
            if (r == null) return false;
            if (r.revokedAt == null) r.revokedAt = Instant.now();
            return true;
        });
        cache.clear();
        return done;
    }

    /** Every key, without secrets. */
    public List<ApiKeyRecord> list() {
        return QuarkusTransaction.requiringNew().call(() -> ApiKeyRecord.<ApiKeyRecord>find("order by createdAt").list());
    }

    /**
     * The answer {@link #authenticate} would give from its cache, without touching the database:
     * empty when the key is not cached (or the entry is stale), else the cached caller or its absence.
     */
    public Optional<Optional<Caller>> cached(String presented) {
        Cached c = cache.get(hash(presented));
        return c != null && System.currentTimeMillis() - c.at() < CACHE_MILLIS ? Optional.of(c.caller()) : Optional.empty();
    }

    /** The caller a presented key stands for, if it is a live key. */
    public Optional<Caller> authenticate(String presented) {
        String h = hash(presented);
        long now = System.currentTimeMillis();
        Cached c = cache.get(h);
        if (c != null && now - c.at() < CACHE_MILLIS) return c.caller();
        Optional<Caller> caller;
        try {
            caller = lookUp(h);
        } catch (RuntimeException e) {
            // Storage is down: a key seen recently keeps working through a short outage (its last
            // known state, at most STALE_MILLIS old); any other key cannot be checked: 503, never 500.
            if (c != null && now - c.at() < STALE_MILLIS) return c.caller();
            throw new KeyStoreUnavailableException(e);
        }
        if (cache.size() > 10_000) cache.clear();
        cache.put(h, new Cached(caller, now));
        return caller;
    }

    /** Keys cannot be checked: storage is unavailable and the key was not seen recently. */
    public static final class KeyStoreUnavailableException extends RuntimeException {
        KeyStoreUnavailableException(Throwable cause) {
            super("API keys cannot be checked: storage is unavailable", cause);
        }
    }

    /** How long a key seen before keeps working while storage is unavailable. */
    private static final long STALE_MILLIS = 10 * 60_000;

    private Optional<Caller> lookUp(String h) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ApiKeyRecord r = ApiKeyRecord.find("keyHash", h).firstResult();
            if (r == null || r.revokedAt != null) return Optional.<Caller>empty();
            Set<Role> roles = Arrays.stream(r.roles.split(",")).map(Role::of).filter(x -> x != null)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
            return Optional.of(new Caller("key:" + r.id, roles));
        });
    }

    /** "sha256:hex" of a key. Keys are long random secrets, so a fast hash is enough (no dictionary to guess from). */
    static String hash(String key) {
        // The record's per-thread digest: every request hashes the key it presents, and looking
        // "SHA-256" up through the security providers each time cost more than the hash itself.
        return "sha256:" + lexgate.store.DecisionChain.sha256(key);
    }
}
