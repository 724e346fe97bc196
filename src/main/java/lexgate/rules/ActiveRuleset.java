package lexgate.rules;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import lexgate.store.RulesetActivationRecord;
import lexgate.store.RulesetRecord;
import lexgate.store.RulesetStore;
import lexgate.store.RulesetValidationRecord;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the ruleset that serves decisions, and changes it only to a ruleset that was validated:
 * compiled behind the rule-file walls, every rule reached by a scenario and every scenario passing,
 * with a version label no other ruleset carries.
 *
 * <ul>
 *   <li>At start ({@code lexgate.rules.startup=disk}, the default), the rules on disk are
 *       validated and activated. If they fail and a ruleset was activated before, that one keeps
 *       serving (an error is logged); on a first start, the service stops, naming every problem.
 *       With {@code lexgate.rules.startup=active}, the ruleset last activated (on any instance
 *       sharing the database) serves, and the disk is read only when none was.</li>
 *   <li>{@link #reload} validates the rules on disk and activates them; {@link #activate}
 *       activates a stored ruleset by digest, one that passed validation (a rollback activates
 *       an earlier digest). Every activation is recorded with who made it.</li>
 *   <li>A switch is atomic; a request that already took the old ruleset finishes on it.</li>
 * </ul>
 */
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);
    /** Who activates at start and on reload from disk. */
    public static final String SERVICE = "service";

    /** Where the rules and policies are, how to start, how often to follow other instances' activations. */
    @Inject
    lexgate.config.LexgateConfig config;

    @Inject
    RulesetStore store;

    /** The JDK's scheduler on one daemon thread: a poll every few seconds needs no scheduler extension. */
    private java.util.concurrent.ScheduledExecutorService follower;

    @Inject
    jakarta.enterprise.inject.Instance<RulesetGate> gates;

    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    /** The outcome of a reload or an activation: what serves afterwards, what served before, and the problems if refused. */
    public record Reload(Ruleset active, Ruleset previous, List<String> problems) {
        /** True when the new ruleset was accepted. */
        public boolean accepted() { return problems.isEmpty(); }
        /** True when what serves changed. */
        public boolean changed() { return accepted() && !active.digest().equals(previous.digest()); }
    }

    /** An activation by digest that cannot be made: 404 for an unknown digest, 422 for one that may not serve. */
    public static final class ActivationRefused extends RuntimeException {
        private final int status;

        ActivationRefused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** 404 or 422. */
        public int status() { return status; }
    }

    void onStart(@Observes StartupEvent event) {
        load();
        startFollowing();
    }

    private void load() {
        if ("active".equals(config.rules().startup())) {
            Optional<RulesetActivationRecord> last = latestActivation();
            if (last.isPresent()) {
                Ruleset r = compileStored(last.get().digest);
                current.set(r);
                LOG.infof("serving ruleset %s %s, the last activated (lexgate.rules.startup=active)", r.version(), r.digest());
                return;
            }
        }
        try {
            Ruleset r = validated(RulesetCompiler.compile(rulesPath(), policiesPath()));
            current.set(r);
            recordActivation(r, null, SERVICE, "startup");
            LOG.infof("ruleset %s %s loaded: %d rules from %s", r.version(), r.digest(), r.rulesByQualifiedName().size(),
                    rulesPath().toAbsolutePath());
        } catch (RulesetException e) {
            LOG.errorf("the rules in %s cannot be activated:%n  %s", rulesPath().toAbsolutePath(),
                    String.join(System.lineSeparator() + "  ", e.problems()));
            Optional<RulesetActivationRecord> last = latestActivation();
            if (last.isEmpty()) throw e;
            Ruleset r = compileStored(last.get().digest);
            current.set(r);
            LOG.errorf("still serving ruleset %s %s, the last activated; fix the rules on disk and reload", r.version(), r.digest());
        }
    }

    private void startFollowing() {
        java.time.Duration followInterval = config.rules().followInterval();
        if (followInterval == null || followInterval.isZero() || followInterval.isNegative()) return;
        follower = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lexgate-ruleset-follower");
            t.setDaemon(true);
            return t;
        });
        long ms = followInterval.toMillis();
        follower.scheduleWithFixedDelay(this::follow, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        if (follower != null) follower.shutdownNow();
    }

    /**
     * Serves the ruleset last activated on any instance, if it is not the one serving here: compiled
     * from its stored files behind the same walls and checked against its digest. Nothing is recorded
     * (the activation was recorded where it was made). Storage errors are retried at the next poll.
     */
    synchronized void follow() {
        // The reads below use Panache outside any HTTP request: they need a request context of their own.
        io.quarkus.arc.ManagedContext requestContext = io.quarkus.arc.Arc.container().requestContext();
        requestContext.activate();
        try {
            Runnable pending = unrecorded;
            if (pending != null) {
                pending.run();
                unrecorded = null;
                return;
            }
            Optional<RulesetActivationRecord> last = store.latestActivation();
            Ruleset now = current.get();
            if (now == null) return;
            if (last.isEmpty() || last.get().digest.equals(now.digest())) {
                prepareValidated(now);
                return;
            }
            Ruleset ready = prepared;
            Ruleset next = ready != null && ready.digest().equals(last.get().digest) ? ready : compileStored(last.get().digest);
            prepared = null;
            current.set(next);
            LOG.infof("following the activation made by %s at %s: serving %s %s (was %s)", last.get().activatedBy,
                    last.get().activatedAt, next.version(), next.digest(), now.digest());
        } catch (RuntimeException e) {
            LOG.warnf("cannot follow the latest activation yet: %s", e.toString());
        } finally {
            requestContext.terminate();
        }
    }

    /**
     * A ruleset validated (on any instance) since, compiled ahead here, so that when it is activated
     * this instance switches at its next poll instead of compiling then.
     */
    private volatile Ruleset prepared;

    private void prepareValidated(Ruleset now) {
        Optional<RulesetValidationRecord> v = store.latestValidation();
        if (v.isEmpty() || !v.get().valid || v.get().digest.equals(now.digest())) return;
        Ruleset ready = prepared;
        if ((ready != null && ready.digest().equals(v.get().digest)) || v.get().digest.equals(unpreparable)) return;
        try {
            prepared = compileStored(v.get().digest);
        } catch (RuntimeException e) {
            unpreparable = v.get().digest; // tried once; an activation of it compiles (and reports) again
            throw e;
        }
    }

    private volatile String unpreparable;

    private Optional<RulesetActivationRecord> latestActivation() {
        try {
            return store.latestActivation();
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the last activation (storage unavailable): %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The ruleset serving now; throws {@link NoRulesetException} if none was ever loaded. */
    public Ruleset get() {
        Ruleset r = current.get();
        if (r == null) throw new NoRulesetException();
        return r;
    }

    /** Validates the rules on disk and, if they pass, makes them the active ruleset; {@code by} is recorded. */
    public synchronized Reload reload(String by) {
        Ruleset before = get();
        try {
            Ruleset next = RulesetCompiler.compile(rulesPath(), policiesPath());
            if (next.digest().equals(before.digest())) return new Reload(before, before, List.of());
            validated(next);
            current.set(next);
            recordActivation(next, before.digest(), by, "reload");
            LOG.infof("ruleset reloaded by %s: %s %s replaces %s", by, next.version(), next.digest(), before.digest());
            return new Reload(next, before, List.of());
        } catch (RulesetException e) {
            LOG.warnf("reload rejected, still serving %s: %d problem(s)", before.digest(), e.problems().size());
            return new Reload(before, before, e.problems());
        }
    }

    /**
     * Activates a stored ruleset by digest: one whose latest validation passed, with a label no other
     * ruleset carries. Rolling back is activating an earlier digest.
     */
    public synchronized Reload activate(String digest, String by) {
        Ruleset before = get();
        if (before.digest().equals(digest)) return new Reload(before, before, List.of());
        RulesetRecord rec = store.find(digest).orElseThrow(() -> new ActivationRefused(404, "no stored ruleset " + digest));
        Optional<RulesetValidationRecord> v = store.latestValidation(digest);
        if (v.isEmpty()) {
            throw new ActivationRefused(422, "ruleset " + digest + " was never validated; validate it (POST /v1/rulesets/validate) before activating it");
        }
        if (!v.get().valid) {
            throw new ActivationRefused(422, "ruleset " + digest + " did not pass its validation of " + v.get().validatedAt + "; it may not serve");
        }
        Optional<RulesetRecord> same = store.otherWithLabel(rec.version, digest);
        if (same.isPresent()) {
            throw new ActivationRefused(422, "the label " + rec.version + " also names ruleset " + same.get().digest + "; two rulesets may not share a label");
        }
        Ruleset next = compileStored(digest);
        current.set(next);
        recordActivation(next, before.digest(), by, "activate");
        LOG.infof("ruleset activated by %s: %s %s replaces %s", by, next.version(), next.digest(), before.digest());
        return new Reload(next, before, List.of());
    }

    /** Compiles a stored ruleset from its files (behind the same walls) and checks that it is what was stored. */
    private Ruleset compileStored(String digest) {
        RulesetRecord rec = store.find(digest).orElseThrow(() -> new ActivationRefused(404, "no stored ruleset " + digest));
        Ruleset r = RulesetCompiler.compile(SourceFile.of(store.files(rec)));
        if (!r.digest().equals(digest)) {
            throw new ActivationRefused(422, "stored ruleset " + digest + " rebuilds to " + r.digest() + ": its files were changed");
        }
        return r;
    }

    /** Compiles the rules directory as it is on disk, without activating it, and stores it as a candidate. */
    public Ruleset candidate() {
        Ruleset r = RulesetCompiler.compile(rulesPath(), policiesPath());
        if (!r.digest().equals(get().digest())) store.ensureStored(r, "candidate");
        return r;
    }

    /**
     * Applies the gates (every rule reached, every scenario passing) and the label check, records the
     * validation and returns the ruleset; throws {@link RulesetException} with every problem.
     */
    private Ruleset validated(Ruleset r) {
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2];
        for (RulesetGate g : gates) {
            RulesetGate.Verdict v = g.check(r, rulesPath());
            problems.addAll(v.problems());
            counts[0] += v.scenariosPassed();
            counts[1] += v.scenariosFailed();
        }
        problems.addAll(labelProblems(r));
        if (!problems.isEmpty()) throw new RulesetException(problems);
        try {
            store.recordValidation(r, "active", new RulesetStore.Validation(true, r.rulesByQualifiedName().size(), counts[0],
                    counts[1], 0), SERVICE);
        } catch (RuntimeException e) {
            // Decisions store the ruleset with their first record; until then the database may be down.
            LOG.warnf("ruleset %s validated but not recorded yet (storage unavailable): %s", r.digest(), e.getClass().getSimpleName());
        }
        return r;
    }

    /** The label problem, if another stored ruleset carries this one's label. */
    public List<String> labelProblems(Ruleset r) {
        try {
            return store.otherWithLabel(r.version(), r.digest())
                    .map(o -> List.of("rules/" + RulesetCompiler.VERSION_FILE + ":1: the version label " + r.version()
                            + " already names ruleset " + o.digest + " (first loaded " + o.firstLoadedAt
                            + "); a changed ruleset needs a new label in rules/VERSION"))
                    .orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void recordActivation(Ruleset r, String previous, String by, String via) {
        Runnable record = () -> {
            Optional<RulesetActivationRecord> last = store.latestActivation();
            if (last.isPresent() && last.get().digest.equals(r.digest()) && "startup".equals(via)) return;
            store.ensureStored(r, "active");
            store.recordActivation(r.digest(), previous != null ? previous : last.map(a -> a.digest).orElse(null), by, via);
        };
        try {
            record.run();
            unrecorded = null;
        } catch (RuntimeException e) {
            // Recorded at the next poll, before following anything: an activation made here while the
            // database was down is not undone by the older activation the database still holds.
            unrecorded = record;
            LOG.warnf("activation of %s not recorded yet (storage unavailable): %s", r.digest(), e.getClass().getSimpleName());
        }
    }

    /** An activation made here that the database has not recorded yet, or null. */
    private volatile Runnable unrecorded;

    /** The configured rules directory. */
    public Path rulesPath() { return Path.of(config.rules().dir()); }

    /** The configured policies directory. */
    public Path policiesPath() { return Path.of(config.policies().dir()); }
}
