package lexgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    public boolean isStored(RulesetContent r) {
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
    public void ensureStored(RulesetContent r, String kind) {
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

    private RulesetRecord toRecord(RulesetContent r, String kind) {
        RulesetRecord rec = new RulesetRecord();
        rec.digest = r.digest();
        rec.version = r.version();
        rec.firstLoadedAt = r.loadedAt();
        rec.kind = kind;
        rec.ruleCount = r.ruleCount();
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
    public List<StoredFile> files(RulesetRecord rec) {
        try {
            return mapper.readValue(rec.filesJson, new TypeReference<List<StoredFile>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ruleset " + rec.digest + " cannot be read", e);
        }
    }

    /** What a validation found: the numbers recorded with it. */
    public record Validation(boolean valid, int rules, int scenariosPassed, int scenariosFailed, int problems) {}

    /** Stores the ruleset (if new) and records that it was validated, by whom, with what result. */
    public void recordValidation(RulesetContent r, String kind, Validation v, String by) {
        ensureStored(r, kind);
        String summary;
        try {
            summary = mapper.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            RulesetValidationRecord rec = new RulesetValidationRecord();
            rec.id = java.util.UUID.randomUUID().toString();
            rec.digest = r.digest();
            rec.validatedAt = java.time.Instant.now();
            rec.validatedBy = by;
            rec.valid = v.valid();
            rec.summaryJson = summary;
            rec.persist();
        });
    }

    /** The latest validation of a stored ruleset, if any. */
    public Optional<RulesetValidationRecord> latestValidation() {
        return QuarkusTransaction.requiringNew().call(() -> RulesetValidationRecord
                .<RulesetValidationRecord>find("order by validatedAt desc").firstResultOptional());
    }

    /** The latest validation of that digest, if any. */
    public Optional<RulesetValidationRecord> latestValidation(String digest) {
        return QuarkusTransaction.requiringNew().call(() -> RulesetValidationRecord
                .<RulesetValidationRecord>find("digest = ?1 order by validatedAt desc", digest).firstResultOptional());
    }

    /**
     * Another ruleset that carries the same version label and served or passed validation, if any:
     * two such rulesets may not share a label. (A candidate compiled only for an impact analysis,
     * never validated, does not claim its label.)
     */
    public Optional<RulesetRecord> otherWithLabel(String version, String digest) {
        return QuarkusTransaction.requiringNew().call(() -> RulesetRecord.<RulesetRecord>find(
                "version = ?1 and digest <> ?2 and (kind = 'active' or digest in "
                        + "(select v.digest from RulesetValidationRecord v where v.valid = true)) order by firstLoadedAt",
                version, digest).firstResultOptional());
    }

    /** Records that the ruleset began to serve; the activations are numbered in order. */
    public RulesetActivationRecord recordActivation(String digest, String previous, String by, String via) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long last = RulesetActivationRecord.find("select max(seq) from RulesetActivationRecord").project(Long.class).firstResult();
            RulesetActivationRecord a = new RulesetActivationRecord();
            a.id = java.util.UUID.randomUUID().toString();
            a.seq = (last == null ? 0 : last) + 1;
            a.digest = digest;
            a.previousDigest = previous;
            a.activatedAt = java.time.Instant.now();
            a.activatedBy = by;
            a.via = via;
            a.persist();
            return a;
        });
    }

    /** The latest activation, if any ruleset was ever activated. */
    public Optional<RulesetActivationRecord> latestActivation() {
        return QuarkusTransaction.requiringNew().call(() -> RulesetActivationRecord
                .<RulesetActivationRecord>find("order by seq desc").firstResultOptional());
    }

    /** Activations, newest first. */
    public List<RulesetActivationRecord> activations(int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> RulesetActivationRecord
                .<RulesetActivationRecord>find("order by seq desc").page(page, size).list());
    }

    /** Activations of one ruleset, newest first. */
    public List<RulesetActivationRecord> activationsOf(String digest) {
        return QuarkusTransaction.requiringNew().call(() -> RulesetActivationRecord
                .<RulesetActivationRecord>find("digest = ?1 order by seq desc", digest).list());
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
