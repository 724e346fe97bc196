package lexgate.cli;

import lexgate.decision.Evaluator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The command line gives each evaluation a minute, the service five seconds; an operator's own
 * setting wins over both.
 */
class OfflineBudgetTest {
    @Test
    void theCommandLineAllowsAMinuteUnlessTheOperatorSetsItsOwn() {
        String before = System.getProperty(Evaluator.BATCH_BUDGET_PROPERTY);
        try {
            System.clearProperty(Evaluator.BATCH_BUDGET_PROPERTY);
            assertEquals(Duration.ofSeconds(5), Evaluator.batchBudget(), "the service's default");

            LexgateCli.offlineDefaults();
            assertEquals(Duration.ofMinutes(1), Evaluator.batchBudget(), "a command-line run");

            System.setProperty(Evaluator.BATCH_BUDGET_PROPERTY, "1500");
            LexgateCli.offlineDefaults();
            assertEquals(Duration.ofMillis(1500), Evaluator.batchBudget(), "set in JAVA_OPTS, kept");

            System.setProperty(Evaluator.BATCH_BUDGET_PROPERTY, "0");
            assertEquals(Duration.ofSeconds(5), Evaluator.batchBudget(), "not a budget: the default");
        } finally {
            if (before == null) System.clearProperty(Evaluator.BATCH_BUDGET_PROPERTY);
            else System.setProperty(Evaluator.BATCH_BUDGET_PROPERTY, before);
        }
    }
}
