package lexgate.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import lexgate.rules.ActiveRuleset;
import lexgate.store.ReplayRecord;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The decision path's metrics, served with the others at {@code /q/metrics} (Prometheus):
 * {@code lexgate_decisions_total{outcome,ruleset}}, {@code lexgate_evaluation_seconds} (a histogram),
 * {@code lexgate_decisions_not_stored_total}, {@code lexgate_sessions_idle},
 * {@code lexgate_evaluation_overruns_total}, {@code lexgate_replays_running}. The store adds its own
 * ({@code lexgate_commit_seconds}, {@code lexgate_commit_batch_size}, {@code lexgate_writer_queue_depth},
 * {@code lexgate_storage_errors_total}).
 */
@ApplicationScoped
public class ServiceMetrics {
    @Inject
    MeterRegistry registry;

    @Inject
    ActiveRuleset rules;

    private final ConcurrentHashMap<String, Counter> decided = new ConcurrentHashMap<>();
    private Timer evaluation;
    private Counter notStored;

    void onStart(@Observes StartupEvent event) {
        evaluation = Timer.builder("lexgate.evaluation").description("Time to evaluate one request against the rules")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        notStored = Counter.builder("lexgate.decisions.not.stored")
                .description("Decisions evaluated but not stored (storage unavailable): answered 503").register(registry);
        Gauge.builder("lexgate.sessions.idle", rules, r -> {
            try {
                return r.get().sessions().idleSessions();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("Warm rule sessions kept for the active ruleset").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("lexgate.evaluation.overruns", EvaluationPool.shared(),
                EvaluationPool::overruns).description("Evaluations answered REVIEW because they ran past their budget").register(registry);
        Gauge.builder("lexgate.replays.running", this, m -> m.replaysRunning())
                .description("Impact analyses running now").register(registry);
    }

    private double replaysRunning() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> ReplayRecord.count("status", "running"));
        } catch (RuntimeException e) {
            return Double.NaN; // storage unavailable: unknown, not zero
        }
    }

    /** A decision answered: counted by outcome and ruleset version; its evaluation time recorded. */
    void decided(String outcome, String rulesetVersion, long evaluationMicros) {
        decided.computeIfAbsent(outcome + '\u0000' + rulesetVersion, k -> Counter.builder("lexgate.decisions")
                .description("Decisions stored and answered").tag("outcome", outcome).tag("ruleset", rulesetVersion)
                .register(registry)).increment();
        if (evaluation != null) evaluation.record(evaluationMicros, TimeUnit.MICROSECONDS);
    }

    /** A decision that could not be stored. */
    void notStored() {
        if (notStored != null) notStored.increment();
    }
}
