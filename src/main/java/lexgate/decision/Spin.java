package lexgate.decision;

import java.util.function.Supplier;

/**
 * A short spin before a thread parks, for the two waits of an evaluation's hand-off: a worker
 * waiting for the next evaluation, and a caller of {@link EvaluationPool#run} waiting for its
 * answer. The thread first looks again and again, and parks only if nothing came.
 *
 * <p>Why: on the virtual machines the service runs on, a parked thread takes 30 to 45 µs to wake
 * (measured with {@code lexgate.bench.Paired}: the hop to the pool cost 37-80 µs an evaluation,
 * two wake-ups, about as much as the evaluation itself). Why by hand: {@code java.util.concurrent}'s
 * queues and futures park at once (JDK 17's {@code CompletableFuture.get} and
 * {@code LinkedBlockingQueue.poll} do not spin), and the JVM's own adaptive spinning is for monitors.
 *
 * <p>It spins only where spinning pays: it keeps a moving average of how often its spins found
 * what they waited for, and while fewer than a quarter did, it spins only on every sixteenth wait
 * (to notice when waits become short again) and parks at once on the others. Threads whose waits
 * are long (evaluations arriving far apart, a slow ruleset) so spend almost nothing on it. Races
 * between threads on the average are harmless: it is a guess, not a count.
 */
final class Spin {
    /** The success rate, in 1/256ths, below which a wait spins only when probing. */
    private static final int THRESHOLD = 64;
    private final long maxNanos;
    /** The moving average of the spins' success, in 1/256ths (each spin weighs an eighth). */
    private volatile int score = 128;
    private int waits;

    /** A spin of at most {@code maxNanos}; zero or less never spins. */
    Spin(long maxNanos) {
        this.maxNanos = Math.max(0, maxNanos);
    }

    /** True if a wait now should spin first. */
    boolean worthIt() {
        return maxNanos > 0 && (score >= THRESHOLD || (++waits & 15) == 0);
    }

    /** Polls until it gives something or the spin's time has passed; null if it gave nothing. */
    <T> T await(Supplier<T> poll) {
        return await(poll, maxNanos);
    }

    /** The same for a window of its own, at most this spin's {@code maxNanos}. */
    <T> T await(Supplier<T> poll, long windowNanos) {
        long until = System.nanoTime() + Math.min(windowNanos, maxNanos);
        do {
            T t = poll.get();
            if (t != null) {
                int s = score;
                score = s + (256 - s) / 8;
                return t;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - until < 0);
        int s = score;
        score = s - s / 8;
        return null;
    }
}
