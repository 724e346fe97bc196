package lexgate.rules;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import lexgate.store.RulesetStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the ruleset that serves decisions. Compiled from {@code lexgate.rules.dir} and
 * {@code lexgate.policies.dir} at start-up: a ruleset that does not compile stops a first start.
 * A reload that fails keeps the current ruleset; one that succeeds switches atomically, and a
 * request that already took the old ruleset finishes on it.
 */
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    @ConfigProperty(name = "lexgate.rules.dir", defaultValue = "rules")
    String rulesDir;

    @ConfigProperty(name = "lexgate.policies.dir", defaultValue = "policies")
    String policiesDir;

    @Inject
    RulesetStore store;

    @Inject
    jakarta.enterprise.inject.Instance<RulesetGate> gates;

    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    /** The outcome of a reload: the ruleset serving afterwards, the one before, and the problems if rejected. */
    public record Reload(Ruleset active, Ruleset previous, List<String> problems) {
        /** True when the new files were accepted. */
        public boolean accepted() { return problems.isEmpty(); }
        /** True when the accepted files differ from what served before. */
        public boolean changed() { return accepted() && !active.digest().equals(previous.digest()); }
    }

    void onStart(@Observes StartupEvent event) {
        try {
            Ruleset r = gated(RulesetCompiler.compile(rulesPath(), policiesPath()));
            current.set(r);
            persist(r, "active");
            LOG.infof("ruleset %s %s loaded: %d rules from %s", r.version(), r.digest(), r.rulesByQualifiedName().size(),
                    rulesPath().toAbsolutePath());
        } catch (RulesetException e) {
            LOG.errorf("the rules in %s cannot be loaded:%n  %s", rulesPath().toAbsolutePath(),
                    String.join(System.lineSeparator() + "  ", e.problems()));
            throw e;
        }
    }

    /** The ruleset serving now; throws {@link NoRulesetException} if none was ever loaded. */
    public Ruleset get() {
        Ruleset r = current.get();
        if (r == null) throw new NoRulesetException();
        return r;
    }

    /** Compiles the rules directory and, if it compiles and lints cleanly, makes it the active ruleset. */
    public synchronized Reload reload() {
        Ruleset before = get();
        try {
            Ruleset next = RulesetCompiler.compile(rulesPath(), policiesPath());
            if (next.digest().equals(before.digest())) return new Reload(before, before, List.of());
            gated(next);
            persist(next, "active");
            current.set(next);
            LOG.infof("ruleset reloaded: %s %s replaces %s", next.version(), next.digest(), before.digest());
            return new Reload(next, before, List.of());
        } catch (RulesetException e) {
            LOG.warnf("reload rejected, still serving %s: %d problem(s)", before.digest(), e.problems().size());
            return new Reload(before, before, e.problems());
        }
    }

    /** Compiles the rules directory as it is on disk, without activating it, and stores it as a candidate. */
    public Ruleset candidate() {
        Ruleset r = RulesetCompiler.compile(rulesPath(), policiesPath());
        if (!r.digest().equals(get().digest())) store.ensureStored(r, "candidate");
        return r;
    }

    /** Applies every gate (the scenario lint); throws {@link RulesetException} with their problems. */
    private Ruleset gated(Ruleset r) {
        List<String> problems = new java.util.ArrayList<>();
        for (RulesetGate g : gates) problems.addAll(g.problems(r, rulesPath()));
        if (!problems.isEmpty()) throw new RulesetException(problems);
        return r;
    }

    private void persist(Ruleset r, String kind) {
        try {
            store.ensureStored(r, kind);
        } catch (RuntimeException e) {
            // Decisions store it with their first record; until then the database may be down.
            LOG.warnf("ruleset %s not stored yet (storage unavailable): %s", r.digest(), e.getClass().getSimpleName());
        }
    }

    /** The configured rules directory. */
    public Path rulesPath() { return Path.of(rulesDir); }

    /** The configured policies directory. */
    public Path policiesPath() { return Path.of(policiesDir); }
}
