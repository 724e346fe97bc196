package lexgate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.decision.FieldError;
import lexgate.decision.InvalidRequestException;
import lexgate.scenario.CandidateCheck;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The limits of {@code POST /v1/rulesets/validate}, which compiles and runs whatever an author
 * sends: a body of at most {@code lexgate.validation.max-body-bytes} (4 MiB), at most
 * {@code lexgate.validation.max-files} files (2000) of at most {@code lexgate.validation.max-file-bytes}
 * (512 KiB) each, one validation at a time per key and {@code lexgate.validation.concurrency} (2) in
 * all, and {@code lexgate.validation.timeout} (120 s) in total; errors of the JVM itself (a stack
 * overflow, memory exhausted) are answered as problems, never as a 500.
 */
@ApplicationScoped
public class ValidationLimits {
    private static final Logger LOG = Logger.getLogger(ValidationLimits.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    @Inject
    lexgate.config.LexgateConfig config;

    @Inject
    ObjectMapper mapper;

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile Semaphore slots;

    /** A validation that cannot be run as asked: the status and the problem's detail. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** 413, 422, 429 or 503. */
        public int status() {
            return status;
        }
    }

    /** Reads and checks a validation body: size, files, paths' sizes. */
    RulesetResource.ValidateRequest read(String body) {
        if (body != null && body.length() > config.validation().maxBodyBytes()) {
            throw new Refused(413, "the body is larger than " + config.validation().maxBodyBytes() + " bytes (lexgate.validation.max-body-bytes)");
        }
        RulesetResource.ValidateRequest req = ReplayResource.read(mapper, body, RulesetResource.ValidateRequest.class);
        if (req.files() == null) {
            throw new InvalidRequestException(List.of(new FieldError("files", "is required: a map of path to content")));
        }
        if (req.files().size() > config.validation().maxFiles()) {
            throw new InvalidRequestException(List.of(new FieldError("files", "at most " + config.validation().maxFiles() + " files, got " + req.files().size())));
        }
        for (Map.Entry<String, String> f : req.files().entrySet()) {
            if (f.getValue() != null && f.getValue().length() > config.validation().maxFileBytes()) {
                throw new InvalidRequestException(List.of(new FieldError("files." + f.getKey(),
                        "at most " + config.validation().maxFileBytes() + " characters, got " + f.getValue().length())));
            }
        }
        return req;
    }

    /**
     * Runs the check for one caller on a thread of its own, within the total time; refuses a second
     * validation by the same caller while one runs (429), and any beyond the concurrency (503).
     */
    CandidateCheck.Result run(String caller, Supplier<CandidateCheck.Result> check) {
        if (!running.add(caller)) throw new Refused(429, "a validation by this key is already running; wait for it to finish");
        Semaphore s = slots();
        if (!s.tryAcquire()) {
            running.remove(caller);
            throw new Refused(503, "validations are already running at the limit of " + config.validation().concurrency() + "; retry later");
        }
        FutureTask<CandidateCheck.Result> task = new FutureTask<>(check::get);
        // The slot and the caller's turn are given back when the check really ends, not when the
        // request gives up on it: an abandoned check still counts until it stops.
        Thread t = new Thread(() -> {
            try {
                task.run();
            } finally {
                s.release();
                running.remove(caller);
            }
        }, "lexgate-validation-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        try {
            return task.get(config.validation().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            LOG.warnf("a validation by %s took longer than %d s and was abandoned", caller, config.validation().timeout().toSeconds());
            throw new Refused(422, "the candidate took longer than " + config.validation().timeout().toSeconds() + " s to check (lexgate.validation.timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StackOverflowError) {
                throw new Refused(422, "the candidate nests too deeply to be checked (stack exhausted)");
            }
            if (cause instanceof OutOfMemoryError) {
                throw new Refused(422, "the candidate is too large to be checked (memory exhausted)");
            }
            if (cause instanceof RuntimeException r) throw r;
            LOG.error("a validation failed", cause);
            throw new Refused(422, "the candidate could not be checked: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "interrupted");
        }
    }

    private Semaphore slots() {
        Semaphore s = slots;
        if (s == null) {
            synchronized (this) {
                if (slots == null) slots = new Semaphore(Math.max(1, config.validation().concurrency()));
                s = slots;
            }
        }
        return s;
    }
}
