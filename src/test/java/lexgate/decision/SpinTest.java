package lexgate.decision;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-off's spin: it finds what comes during its window, parks at once where its spins
 * mostly came back empty (but still tries one wait in sixteen), and never spins when switched off.
 */
class SpinTest {
    static final long MAX = 20_000; // 20 µs

    @Test
    void aSpinReturnsWhatThePollGivesAndNullWhenNothingCame() {
        // A window far longer than the polls need (a cold JVM on a loaded machine can take longer
        // than microseconds for the first ones): the spin returns as soon as the poll gives.
        Spin spin = new Spin(10_000_000_000L);
        AtomicInteger polls = new AtomicInteger();
        assertEquals("x", spin.await(() -> polls.incrementAndGet() >= 3 ? "x" : null));
        assertEquals(3, polls.get());
        assertNull(new Spin(1_000).await(() -> null));
    }

    @Test
    void spinsThatComeBackEmptyStopSpinningExceptOneWaitInSixteenAndASuccessBringsThemBack() {
        Spin spin = new Spin(MAX);
        assertTrue(spin.worthIt());
        for (int i = 0; i < 20; i++) spin.await(() -> null);
        int worth = 0;
        for (int i = 0; i < 64; i++) if (spin.worthIt()) worth++;
        assertEquals(4, worth, "after spins that found nothing, only every sixteenth wait spins");
        for (int i = 0; i < 20; i++) assertEquals("y", spin.await(() -> "y"));
        for (int i = 0; i < 64; i++) assertTrue(spin.worthIt(), "spins that find what they wait for keep spinning");
    }

    @Test
    void aSpinOfZeroNeverSpins() {
        Spin off = new Spin(0);
        for (int i = 0; i < 64; i++) assertFalse(off.worthIt());
    }
}
