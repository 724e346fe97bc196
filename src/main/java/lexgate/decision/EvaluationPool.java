package lexgate.decision;

import lexgate.rules.Ruleset;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Where every evaluation runs, within a budget: decisions, replays, impact analyses, scenario runs
 * and validation all evaluate here, never on an HTTP event loop.
 *
 * <p>A fixed number of daemon worker threads take evaluations from a queue. A watchdog thread
 * looks at them every few milliseconds. An evaluation still running when its budget
 * ({@code lexgate.evaluation.budget}, default 300 ms) is spent is answered at once with a REVIEW
 * from {@code lexgate.engine} naming the budget; its session is halted and marked never to be
 * reused, its thread interrupted, and a new worker takes its place, so that the other evaluations
 * keep their capacity and latency. A worker that is still stuck long after (ten budgets, at least
 * five seconds; only code behind the rule-file walls can do that) is stopped with
 * {@link Thread#stop()}, the JVM's last resort, on the JVMs that still offer it: its session was
 * already abandoned, and it shares nothing else with the service. The workers are daemon
 * threads, so that a stuck one never holds up the JVM's exit (SIGTERM).
 *
 * <p>An evaluation that waits in the queue longer than {@code queueTimeout} (all workers busy for
 * that long) fails with {@link Overloaded}, which the HTTP layer answers with 503.
 *
 * <p>The hand-off spins before it parks ({@link Spin}): one idle worker at a time looks for the next
 * evaluation for up to {@code spin} before it parks, and a caller of {@link #run} looks for its
 * answer for as long as the pool's recent evaluations took, and a little more (at least four
 * times {@code spin}, at most sixteen times: {@link #callerWindowNanos}). A thread spins only
 * while the pool's own threads on a CPU (workers evaluating, threads spinning) are fewer than the
 * cores, so a spin never takes a core from an evaluation of this pool; {@code spin} zero never
 * spins.
 */
public final class EvaluationPool {
    private static final Logger LOG = Logger.getLogger(EvaluationPool.class);
    /** The default budget of one evaluation. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(300);
    private static volatile EvaluationPool shared;

    /** The evaluation could not start in time: every worker was busy. */
    public static final class Overloaded extends RuntimeException {
        Overloaded(String message) {
            super(message, null, false, false);
        }
    }

    /** What the watchdog may do to a running evaluation: halt its session. Set by the evaluation itself. */
    public interface Abort {
        /** Stops the session from firing further rules, and keeps it from being reused. */
        void abort();
    }

    /** One evaluation: its work, its answer, and what to do if it overruns. */
    public static final class Task {
        final Evaluator.Work work;
        final Duration budget;
        final long budgetNanos;
        final CompletableFuture<Evaluation> done = new CompletableFuture<>();
        final long queuedAt = System.nanoTime();
        volatile Abort abort;

        Task(Evaluator.Work work, Duration budget) {
            this.work = work;
            this.budget = budget;
            this.budgetNanos = budget.toNanos();
        }

        /** Registers how to halt the session this evaluation runs in. */
        public void onAbort(Abort a) {
            this.abort = a;
        }
    }

    private final class Worker extends Thread {
        private final Supplier<Task> poll = () -> {
            Task t = handed.getAndSet(null);
            return t != null ? t : queue.poll();
        };
        volatile Task current;
        volatile long startedAt;
        volatile boolean retired;
        volatile boolean stopRequested;

        Worker(int n) {
            super("lexgate-eval-" + n);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!retired && !shutdown) {
                Task t;
                try {
                    t = queue.poll();
                    if (t == null && workerSpin.worthIt() && spinner.compareAndSet(false, true)) {
                        try {
                            if (claimCore()) {
                                try {
                                    t = workerSpin.await(poll);
                                } finally {
                                    onCpu.decrementAndGet();
                                }
                            }
                        } finally {
                            spinner.set(false);
                        }
                        // An evaluation handed over just as the spin ended (see submit) is taken
                        // here, or queued for another worker if this one already has one.
                        Task late = handed.getAndSet(null);
                        if (late != null) {
                            if (t == null) t = late;
                            else queue.add(late);
                        }
                    }
                    if (t == null) t = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    if (shutdown) return;
                    continue;
                }
                if (t == null) continue;
                startedAt = System.nanoTime();
                current = t;
                onCpu.incrementAndGet();
                try {
                    if (!t.done.isDone()) {
                        Evaluation e = Evaluator.evaluateNow(t.work, t);
                        took(System.nanoTime() - startedAt);
                        t.done.complete(e);
                    }
                } catch (Throwable e) { // a rule's failure (or a stop) never kills the pool
                    if (!t.done.isDone()) t.done.completeExceptionally(e);
                } finally {
                    onCpu.decrementAndGet();
                    current = null;
                    Thread.interrupted(); // clear an interrupt meant for the evaluation that just ended
                }
            }
            if (retired) stuck.decrementAndGet();
        }
    }

    private final Duration budget;
    private final long budgetNanos;
    private final long queueTimeoutNanos;
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicLong overruns = new AtomicLong();
    private final Thread watchdog;
    private volatile boolean shutdown;
    /** The pool's threads now on a CPU: workers evaluating, and threads spinning. */
    private final AtomicInteger onCpu = new AtomicInteger();
    /**
     * An evaluation handed straight to the spinning worker, so that queueing it does not also wake a
     * parked one (which would then compete for the core the spinner and the caller are on).
     */
    private final java.util.concurrent.atomic.AtomicReference<Task> handed = new java.util.concurrent.atomic.AtomicReference<>();
    /** True while an idle worker spins (one at a time). */
    private final java.util.concurrent.atomic.AtomicBoolean spinner = new java.util.concurrent.atomic.AtomicBoolean();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Spin workerSpin;
    private final Spin callerSpin;
    private final long spinNanos;
    /**
     * A moving average of how long the pool's evaluations took (each weighs an eighth), which sizes
     * a caller's spin. Races between workers on it are harmless: it is a guess, not a count.
     */
    private volatile long recentNanos;

    /** The default spin of an idle worker before it parks. */
    public static final Duration DEFAULT_SPIN = Duration.ofNanos(50_000);

    /** A pool of {@code threads} workers with the given budget per evaluation, spinning {@link #DEFAULT_SPIN}. */
    public EvaluationPool(int threads, Duration budget, Duration queueTimeout) {
        this(threads, budget, queueTimeout, DEFAULT_SPIN);
    }

    /** The same with the spin of its hand-off ({@link Spin}; zero never spins). */
    public EvaluationPool(int threads, Duration budget, Duration queueTimeout, Duration spin) {
        this.spinNanos = Math.max(0, spin.toNanos());
        this.workerSpin = new Spin(spinNanos);
        this.callerSpin = new Spin(16 * spinNanos);
        this.budget = budget;
        this.budgetNanos = budget.toNanos();
        this.queueTimeoutNanos = queueTimeout.toNanos();
        for (int i = 0; i < threads; i++) startWorker();
        watchdog = new Thread(this::watch, "lexgate-eval-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * The pool every evaluation in this JVM uses; made on first use with the budget of the system
     * property {@code lexgate.evaluation.budget-millis} (default 300) and one worker per core
     * (at least two), unless {@link #configure} set it first.
     */
    public static EvaluationPool shared() {
        EvaluationPool p = shared;
        if (p == null) {
            synchronized (EvaluationPool.class) {
                if (shared == null) {
                    long ms = Long.getLong("lexgate.evaluation.budget-millis", DEFAULT_BUDGET.toMillis());
                    long spinMicros = Long.getLong("lexgate.evaluation.spin-micros", DEFAULT_SPIN.toNanos() / 1000);
                    shared = new EvaluationPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                            Duration.ofMillis(ms), Duration.ofSeconds(10), Duration.ofNanos(spinMicros * 1000));
                }
                p = shared;
            }
        }
        return p;
    }

    /** Replaces the shared pool (the service does this once at start, from its configuration). */
    public static synchronized void configure(int threads, Duration budget, Duration queueTimeout, Duration spin) {
        EvaluationPool old = shared;
        shared = new EvaluationPool(threads, budget, queueTimeout, spin);
        if (old != null) old.shutdown();
    }

    private void startWorker() {
        Worker w = new Worker(names.incrementAndGet());
        workers.add(w);
        w.start();
    }

    /** The budget of one evaluation. */
    public Duration budget() {
        return budget;
    }

    /** Evaluations that ran past their budget since the pool started. */
    public long overruns() {
        return overruns.get();
    }

    /** Workers abandoned to an evaluation that never ended (and not yet stopped). */
    public int stuckWorkers() {
        return stuck.get();
    }

    /** Queues the work; the future completes with its evaluation, or with the budget's REVIEW. */
    CompletableFuture<Evaluation> submit(Evaluator.Work work) {
        return submit(work, budget);
    }

    /** Queues the work with a budget of its own (scenario runs and replays allow for a ruleset not yet warm). */
    CompletableFuture<Evaluation> submit(Evaluator.Work work, Duration budget) {
        Task t = new Task(work, budget);
        if (shutdown) {
            t.done.completeExceptionally(new Overloaded("the evaluation pool is shut down"));
            return t.done;
        }
        if (spinner.get() && handed.compareAndSet(null, t)) {
            // The spinner sets spinner false before it last looks at handed; if it has stopped by
            // now it may not have seen this one, so take it back and queue it (unless it was taken).
            if (!spinner.get() && handed.compareAndSet(t, null)) queue.add(t);
        } else {
            queue.add(t);
        }
        return t.done;
    }

    /** Takes a core for a spin if the pool's threads on a CPU are fewer than the cores. */
    private boolean claimCore() {
        for (int n; (n = onCpu.get()) < cores; ) {
            if (onCpu.compareAndSet(n, n + 1)) return true;
        }
        return false;
    }

    /**
     * Records how long an evaluation took, for the caller's spin; no more than the window's cap, so
     * that one long evaluation (an overrun of the budget) cannot hold the average up for long.
     */
    void took(long nanos) {
        nanos = Math.min(nanos, 16 * spinNanos);
        long r = recentNanos;
        recentNanos = r + (nanos - r) / 8;
    }

    /**
     * How long a caller of {@link #run} spins for its answer before it parks: the pool's recent
     * evaluation time and a quarter more, plus the worker's own spin for the hand-over; at least
     * four times the worker's spin, at most sixteen times.
     *
     * <p>Why not a fixed window: a caller whose spin runs out just before its answer parks, and then
     * pays the wake-up it spun to avoid. With the fixed 200 µs of before, the bench's worst request
     * (160 to 360 µs of evaluation on its hosts) lost 11 to 66 µs a call to that, while the typical
     * one (70 to 120 µs) did not. The window follows what evaluations take now, within the cap.
     */
    long callerWindowNanos() {
        long r = recentNanos;
        long want = r + r / 4 + spinNanos;
        return Math.max(4 * spinNanos, Math.min(want, 16 * spinNanos));
    }

    /** Runs the work and waits for it; never longer than the budget once it has started. */
    Evaluation run(Evaluator.Work work, Duration budget) {
        CompletableFuture<Evaluation> f = submit(work, budget);
        if (!f.isDone() && callerSpin.worthIt() && claimCore()) {
            try {
                callerSpin.await(() -> f.isDone() ? f : null, callerWindowNanos());
            } finally {
                onCpu.decrementAndGet();
            }
        }
        return await(f);
    }

    /** Waits for an evaluation without spinning; its failures are rethrown as they are. */
    static Evaluation await(CompletableFuture<Evaluation> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Overloaded("interrupted while waiting for an evaluation");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void watch() {
        long tick = Math.max(1_000_000L, Math.min(budgetNanos / 4, 25_000_000L));
        while (!shutdown) {
            LockSupport.parkNanos(tick);
            long now = System.nanoTime();
            for (Worker w : workers) {
                Task t = w.current;
                if (t == null) continue;
                long running = now - w.startedAt;
                long stopAfter = Math.max(10 * t.budgetNanos, TimeUnit.SECONDS.toNanos(5));
                if (!w.retired && running > t.budgetNanos) {
                    overrun(w, t);
                } else if (w.retired && !w.stopRequested && running > stopAfter && w.isAlive()) {
                    w.stopRequested = true;
                    stop(w);
                }
            }
            workers.removeIf(w -> !w.isAlive());
            for (Task head; (head = queue.peek()) != null && now - head.queuedAt > queueTimeoutNanos; ) {
                if (queue.remove(head)) {
                    head.done.completeExceptionally(new Overloaded("no evaluation worker was free for "
                            + TimeUnit.NANOSECONDS.toMillis(queueTimeoutNanos) + " ms"));
                }
            }
        }
    }

    private void overrun(Worker w, Task t) {
        overruns.incrementAndGet();
        t.done.complete(Evaluator.overBudget(t.budget, t.work.lang()));
        Abort a = t.abort;
        if (a != null) {
            try {
                a.abort();
            } catch (RuntimeException e) {
                LOG.debugf("halting an overrunning session failed: %s", e.toString());
            }
        }
        w.retired = true;
        stuck.incrementAndGet();
        w.interrupt();
        startWorker();
        LOG.warnf("an evaluation ran past its budget of %d ms and was answered REVIEW; its worker %s was replaced (%d stuck)",
                t.budget.toMillis(), w.getName(), stuck.get());
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Worker w) {
        try {
            w.stop(); // the last resort, on a thread whose work was abandoned long ago (see the class comment)
            LOG.warnf("worker %s was still stuck long after its budget and was stopped", w.getName());
        } catch (UnsupportedOperationException e) {
            LOG.errorf("worker %s is stuck and this JVM cannot stop it; it stays abandoned", w.getName());
        }
    }

    /** Stops the workers (they are daemons: a stuck one does not hold up the JVM). */
    public void shutdown() {
        shutdown = true;
        watchdog.interrupt();
        for (Worker w : workers) w.interrupt();
        Task t = handed.getAndSet(null);
        if (t != null) t.done.completeExceptionally(new Overloaded("the evaluation pool is shut down"));
        while ((t = queue.poll()) != null) t.done.completeExceptionally(new Overloaded("the evaluation pool is shut down"));
    }
}
