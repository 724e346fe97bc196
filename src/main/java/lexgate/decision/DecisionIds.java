package lexgate.decision;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Decision ids: time-ordered UUIDs (version 7, RFC 9562). The first 48 bits are the decision's
 * {@code evaluatedAt} in Unix milliseconds, the remaining 74 free bits are random. Still a plain
 * UUID on the wire; ordered by time, so the primary-key index of a growing decision table takes
 * new ids at its right edge instead of at random pages (which made POST slower as the table grew).
 */
public final class DecisionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DecisionIds() {}

    /** A new id for a decision evaluated at {@code at}. */
    public static String next(Instant at) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        long ms = at.toEpochMilli();
        for (int i = 0; i < 6; i++) b[i] = (byte) (ms >>> (40 - 8 * i));
        b[6] = (byte) ((b[6] & 0x0f) | 0x70); // version 7
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // variant 10
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[i] & 0xff);
        for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[i] & 0xff);
        return new UUID(hi, lo).toString();
    }

    /** The Unix milliseconds a version-7 id carries. */
    public static long millis(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }
}
