package lexgate.vocabulary;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A retention period is a rolling duration: it is compared with the longest calendar length of the limit, whatever asOf. */
class RetentionExceedsTest {

    private static Operation keeping(int days, String asOf) {
        return Operation.builder().asOf(LocalDate.parse(asOf)).retentionDays(days).build();
    }

    @Test
    void periodsAreTheirLongestCalendarLength() {
        assertEquals(3, Operation.longestDays("P3D"));
        assertEquals(31, Operation.longestDays("P1M"));
        assertEquals(184, Operation.longestDays("P6M"));
        assertEquals(366, Operation.longestDays("P1Y"));
        assertEquals(3653, Operation.longestDays("P10Y"));
    }

    @Test
    void thirtyOrThirtyOneDaysAreWithinAMonthInFebruaryAsInJuly() {
        for (String asOf : new String[] {"2022-02-01", "2024-02-01", "2022-06-01", "2022-07-15"}) {
            assertFalse(keeping(30, asOf).retentionExceeds("P1M"), asOf);
            assertFalse(keeping(31, asOf).retentionExceeds("P1M"), asOf);
            assertTrue(keeping(32, asOf).retentionExceeds("P1M"), asOf);
        }
    }

    @Test
    void noDaysStatedExceedsNothing() {
        assertFalse(Operation.builder().asOf(LocalDate.parse("2025-01-01")).build().retentionExceeds("P3D"));
    }
}
