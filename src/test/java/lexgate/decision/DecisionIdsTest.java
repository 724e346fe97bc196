package lexgate.decision;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decision ids are version-7 UUIDs: valid, unique, carrying their time, ordered by it. */
class DecisionIdsTest {

    @Test
    void versionSevenCarryingTheTimeAndOrderedByIt() {
        Instant t = Instant.parse("2026-11-28T18:00:00.123Z");
        String id = DecisionIds.next(t);
        UUID u = UUID.fromString(id);
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals(t.toEpochMilli(), DecisionIds.millis(id));
        assertEquals(id, u.toString(), "canonical lower-case form");

        String prev = DecisionIds.next(t);
        for (int ms = 1; ms < 2000; ms++) {
            String next = DecisionIds.next(t.plusMillis(ms));
            assertTrue(next.compareTo(prev) > 0, prev + " then " + next + ": string order follows time");
            prev = next;
        }
    }

    @Test
    void uniqueWithinOneMillisecond() {
        Instant t = Instant.parse("2026-11-28T18:00:00Z");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) assertTrue(ids.add(DecisionIds.next(t)));
    }
}
