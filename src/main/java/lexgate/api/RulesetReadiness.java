package lexgate.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.rules.ActiveRuleset;
import lexgate.rules.NoRulesetException;
import lexgate.rules.Ruleset;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness reports the active ruleset beside the database check Quarkus adds. */
@Readiness
@ApplicationScoped
public class RulesetReadiness implements HealthCheck {

    @Inject
    ActiveRuleset active;

    @Override
    public HealthCheckResponse call() {
        try {
            Ruleset r = active.get();
            return HealthCheckResponse.named("Active ruleset").up()
                    .withData("version", r.version()).withData("digest", r.digest())
                    .withData("rules", r.rulesByQualifiedName().size()).build();
        } catch (NoRulesetException e) {
            return HealthCheckResponse.named("Active ruleset").down().build();
        }
    }
}
