package lexgate.decision;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Impact analyses take every core only while no live decision came in the last quarter second. */
class LiveTrafficTest {
    @Test
    void idleUntilADecisionThenBusyForAQuarterSecond() {
        LiveTraffic t = new LiveTraffic();
        assertFalse(t.busy(), "a service that answered nothing yet is idle");
        t.seen();
        assertTrue(t.busy(), "just after a live decision the service is busy");
    }
}
