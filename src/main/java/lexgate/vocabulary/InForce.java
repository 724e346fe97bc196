package lexgate.vocabulary;

import java.time.LocalDate;

/** Shared date logic of policy values keyed by the dates they are in force: from inclusive, until exclusive. */
final class InForce {
    private InForce() {}

    static boolean on(LocalDate from, LocalDate until, LocalDate day) {
        return (from == null || !day.isBefore(from)) && (until == null || day.isBefore(until));
    }
}
