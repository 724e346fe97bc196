package lexgate.rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.store.RulesetRecord;
import lexgate.store.RulesetStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled rulesets by digest: the active one, a few recently used ones, and any stored ruleset
 * rebuilt from its stored files on demand (for replay and impact analysis).
 */
@ApplicationScoped
public class RulesetRegistry {
    private static final int CACHED = 4;

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetStore store;

    private final Map<String, Ruleset> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
            return size() > CACHED;
        }
    };

    /** Remembers a compiled ruleset. */
    public synchronized void remember(Ruleset r) {
        cache.put(r.digest(), r);
    }

    /** The compiled ruleset with this digest, rebuilt from storage if needed; empty if never stored. */
    public Optional<Ruleset> get(String digest) {
        Ruleset current = active.get();
        if (current.digest().equals(digest)) return Optional.of(current);
        synchronized (this) {
            Ruleset r = cache.get(digest);
            if (r != null) return Optional.of(r);
        }
        Optional<RulesetRecord> rec = store.find(digest);
        if (rec.isEmpty()) return Optional.empty();
        Ruleset rebuilt = RulesetCompiler.compile(SourceFile.of(store.files(rec.get())));
        if (!rebuilt.digest().equals(digest)) {
            throw new IllegalStateException("stored ruleset " + digest + " rebuilds to " + rebuilt.digest());
        }
        remember(rebuilt);
        return Optional.of(rebuilt);
    }
}
