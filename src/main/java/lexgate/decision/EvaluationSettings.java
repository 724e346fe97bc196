package lexgate.decision;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;

import lexgate.config.LexgateConfig;
import lexgate.rules.Sessions;

/**
 * Sets up the shared {@link EvaluationPool} from the service's configuration, before the ruleset
 * is loaded (its scenarios are evaluated there too): {@code lexgate.evaluation.budget} (300 ms),
 * {@code lexgate.evaluation.threads} (one per core, at least two) and
 * {@code lexgate.evaluation.queue-timeout} (10 s) and {@code lexgate.evaluation.spin-micros} (50).
 */
@ApplicationScoped
public class EvaluationSettings {
    @jakarta.inject.Inject
    lexgate.config.LexgateConfig config;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        LexgateConfig.Evaluation e = config.evaluation();
        EvaluationPool.configure(e.threads().orElse(Math.max(2, Runtime.getRuntime().availableProcessors())), e.budget(),
                e.queueTimeout(), java.time.Duration.ofNanos(e.spinMicros() * 1000L));
        Sessions.keepIdle(config.sessions().maxIdle());
    }

    void onStop(@Observes ShutdownEvent event) {
        EvaluationPool.shared().shutdown();
    }
}
