package lexgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.rules.Ruleset;
import lexgate.rules.SourceFile;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Stores every ruleset the service loads, once, with all its files; reads them back for replay. */
@ApplicationScoped
public class RulesetStore {
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @Inject
    ObjectMapper mapper;

    /** Whether this instance has already stored (or found stored) the ruleset: then {@link #ensureStored} does nothing. */
    public boolean isStored(Ruleset r) {
        return known.contains(r.digest());
    }

    /** Tests: forget which rulesets are on record, as a restarted instance would. */
    void forgetStored() {
        known.clear();
    }

    /**
     * Makes sure the ruleset is stored, in a transaction of its own (so a concurrent insert by
     * another instance cannot spoil the caller's transaction). Cheap once known.
     */
    public void ensureStored(Ruleset r, String kind) {
        if (known.contains(r.digest())) return;
        synchronized (this) {
            if (known.contains(r.digest())) return;
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (RulesetRecord.findById(r.digest()) == null) toRecord(r, kind).persist();
                });
            } catch (RuntimeException e) {
                boolean stored = QuarkusTransaction.requiringNew().call(() -> RulesetRecord.findById(r.digest()) != null);
                if (!stored) throw e;
            }
            known.add(r.digest());
        }
    }

    private RulesetRecord toRecord(Ruleset r, String kind) {
        RulesetRecord rec = new RulesetRecord();
        rec.digest = r.digest();
        rec.version = r.version();
        rec.firstLoadedAt = r.loadedAt();
        rec.kind = kind;
        rec.ruleCount = r.rulesByQualifiedName().size();
        try {
            rec.filesJson = mapper.writeValueAsString(r.files());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return rec;
    }

    /** The stored ruleset, if any. */
    public Optional<RulesetRecord> find(String digest) {
        return RulesetRecord.findByIdOptional(digest);
    }

    /** The files of a stored ruleset. */
    public List<SourceFile> files(RulesetRecord rec) {
        try {
            return mapper.readValue(rec.filesJson, new TypeReference<List<SourceFile>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ruleset " + rec.digest + " cannot be read", e);
        }
    }

    /** A page of stored rulesets, newest first. */
    public List<RulesetRecord> page(int page, int size) {
        return RulesetRecord.find("order by firstLoadedAt desc, digest").page(page, size).list();
    }

    /** How many rulesets are stored. */
    public long count() {
        return RulesetRecord.count();
    }
}
