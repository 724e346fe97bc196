package lexgate.rules;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the ruleset that serves decisions. Compiled from {@code lexgate.rules.dir} and
 * {@code lexgate.policies.dir} at start-up: a ruleset that does not compile stops a first start.
 * A request takes the current ruleset once and finishes on it.
 */
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    @ConfigProperty(name = "lexgate.rules.dir", defaultValue = "rules")
    String rulesDir;

    @ConfigProperty(name = "lexgate.policies.dir", defaultValue = "policies")
    String policiesDir;

    private final AtomicReference<Ruleset> current = new AtomicReference<>();

    void onStart(@Observes StartupEvent event) {
        try {
            Ruleset r = RulesetCompiler.compile(rulesPath(), policiesPath());
            current.set(r);
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

    /** The configured rules directory. */
    public Path rulesPath() { return Path.of(rulesDir); }

    /** The configured policies directory. */
    public Path policiesPath() { return Path.of(policiesDir); }
}
