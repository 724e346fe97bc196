package lexgate.decision;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Sets up the shared {@link EvaluationPool} from the service's configuration, before the ruleset
 * is loaded (its scenarios are evaluated there too): {@code lexgate.evaluation.budget} (300 ms),
 * {@code lexgate.evaluation.threads} (one per core, at least two) and
 * {@code lexgate.evaluation.queue-timeout} (10 s).
 */
@ApplicationScoped
public class EvaluationSettings {
    @ConfigProperty(name = "lexgate.evaluation.budget", defaultValue = "300ms")
    Duration budget;

    @ConfigProperty(name = "lexgate.evaluation.threads")
    Optional<Integer> threads;

    @ConfigProperty(name = "lexgate.evaluation.queue-timeout", defaultValue = "10s")
    Duration queueTimeout;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        EvaluationPool.configure(threads.orElse(Math.max(2, Runtime.getRuntime().availableProcessors())), budget, queueTimeout);
    }

    void onStop(@Observes ShutdownEvent event) {
        EvaluationPool.shared().shutdown();
    }
}
