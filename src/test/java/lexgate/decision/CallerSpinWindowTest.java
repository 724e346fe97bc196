package lexgate.decision;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller's spin follows what the pool's evaluations take now: long enough to cover a slow
 * ruleset's evaluation (so that the caller does not park just before its answer), back to four
 * times the worker's spin when evaluations are short, never beyond sixteen times, and none at all
 * when the pool never spins.
 */
class CallerSpinWindowTest {
    static final Duration SPIN = Duration.ofNanos(50_000);

    private static EvaluationPool pool(Duration spin) {
        return new EvaluationPool(1, Duration.ofSeconds(5), Duration.ofSeconds(5), spin);
    }

    @Test
    void theWindowCoversRecentEvaluationsWithinFourToSixteenSpins() {
        EvaluationPool pool = pool(SPIN);
        try {
            assertEquals(200_000, pool.callerWindowNanos(), "no evaluation yet: four spins");
            for (int i = 0; i < 100; i++) pool.took(300_000);
            long window = pool.callerWindowNanos();
            assertTrue(window > 300_000 && window <= 800_000,
                    "after evaluations of 300 µs the caller spins past them, within the cap: " + window);
            for (int i = 0; i < 100; i++) pool.took(60_000_000); // overruns of a budget
            assertEquals(800_000, pool.callerWindowNanos(), "never beyond sixteen spins");
            for (int i = 0; i < 100; i++) pool.took(70_000);
            assertEquals(200_000, pool.callerWindowNanos(), "short evaluations again: back to four spins");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aPoolThatNeverSpinsHasNoWindow() {
        EvaluationPool pool = pool(Duration.ZERO);
        try {
            for (int i = 0; i < 20; i++) pool.took(300_000);
            assertEquals(0, pool.callerWindowNanos());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSpinsWindowIsNeverLongerThanItsMaximum() {
        Spin spin = new Spin(1_000); // 1 µs
        AtomicInteger polls = new AtomicInteger();
        long t0 = System.nanoTime();
        assertNull(spin.await(() -> { polls.incrementAndGet(); return null; }, 60_000_000_000L));
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "a window of a minute was cut to the spin's 1 µs");
        assertTrue(polls.get() >= 1);
    }
}
