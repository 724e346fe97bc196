package lexgate.decision;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether live decisions are being asked for now, so that background work (impact analyses) can
 * take every core while the service is idle and step back as soon as requests come: each decision
 * notes the time it was answered (one volatile write), and {@link #busy()} is true for
 * {@link #QUIET_NANOS} after the last one.
 */
@ApplicationScoped
public class LiveTraffic {
    /** How long after the last live decision the service still counts as busy: 250 ms. */
    public static final long QUIET_NANOS = 250_000_000L;

    private volatile long last = System.nanoTime() - 2 * QUIET_NANOS;

    /** A live decision was answered. */
    public void seen() {
        last = System.nanoTime();
    }

    /** True when a live decision was answered within the last {@link #QUIET_NANOS}. */
    public boolean busy() {
        return System.nanoTime() - last < QUIET_NANOS;
    }
}
