package lexgate.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code lexgate.*} property of the service, with its default: the operator's reference.
 *
 * <p>Each property can also be set by environment variable, its name in upper case with every
 * {@code .} and {@code -} as {@code _} ({@code lexgate.rules.dir} is {@code LEXGATE_RULES_DIR},
 * {@code lexgate.audit.checkpoint-log} is {@code LEXGATE_AUDIT_CHECKPOINT_LOG}), or as a system
 * property ({@code -Dlexgate.rules.dir=...}). Durations are written {@code 300ms}, {@code 10s},
 * {@code 2m} or ISO-8601 ({@code PT10S}). A {@code lexgate.*} property this interface does not
 * name stops the service at start (a mistyped name is an error, not a silently ignored setting);
 * environment variables are not checked so.
 *
 * <p>The environment variables of {@code bin/lexgate} and the container image
 * ({@code LEXGATE_DB}, {@code LEXGATE_DB_URL}, {@code LEXGATE_DB_USER}, {@code LEXGATE_DB_PASSWORD},
 * {@code LEXGATE_HOME}) are read by those scripts, not by the service.
 */
@ConfigMapping(prefix = "lexgate")
public interface LexgateConfig {

    /** Where the rules live and which ruleset serves ({@code lexgate.rules.*}). */
    Rules rules();

    /** Where the policies live ({@code lexgate.policies.*}). */
    Policies policies();

    /** Decision requests ({@code lexgate.decisions.*}). */
    Decisions decisions();

    /** The worker pool and time budget of every evaluation ({@code lexgate.evaluation.*}). */
    Evaluation evaluation();

    /** Warm rule sessions kept for reuse ({@code lexgate.sessions.*}). */
    Sessions sessions();

    /** The limits of validating a candidate ruleset ({@code lexgate.validation.*}). */
    Validation validation();

    /** The decision writer: group commit to the hash chain ({@code lexgate.store.*}). */
    Store store();

    /** The record's proof: signing key and signed checkpoints ({@code lexgate.audit.*}). */
    Audit audit();

    /** Replays and impact analyses ({@code lexgate.replay.*}). */
    Replay replay();

    /** Log format ({@code lexgate.log.*}). */
    Log log();

    /** Benchmark aids ({@code lexgate.bench.*}). */
    Bench bench();


    /**
     * {@code lexgate.bootstrap-admin-key}: the first admin API key, stored (hashed) at start when no
     * admin key exists yet. Unset: one is generated and printed once in the log.
     */
    Optional<String> bootstrapAdminKey();

    /** JWTs from an organisation's identity provider ({@code lexgate.jwt.*}). */
    Jwt jwt();

    /** {@code lexgate.rules.*} */
    interface Rules {
        /**
         * {@code lexgate.rules.dir}: the folder of the rule files ({@code *.drl}), their scenarios and
         * {@code VERSION}, compiled at start and on reload. Default {@code rules}, relative to the
         * working directory.
         */
        @WithDefault("rules")
        String dir();

        /**
         * {@code lexgate.rules.startup}: {@code disk} (default) validates and activates the rules on
         * disk at start (if they fail and a ruleset was activated before, that one keeps serving);
         * {@code active} serves the ruleset last activated on any instance sharing the database,
         * reading the disk only when none was. Replicas use {@code active}.
         */
        @WithDefault("disk")
        String startup();

        /**
         * {@code lexgate.rules.follow-interval}: how often this instance looks for an activation made
         * on another instance sharing the database, and then serves it. Default {@code 2s};
         * {@code 0} turns following off.
         */
        @WithDefault("2s")
        Duration followInterval();
    }

    /** {@code lexgate.policies.*} */
    interface Policies {
        /**
         * {@code lexgate.policies.dir}: the folder of the policy files (purposes, citations, countries,
         * ...) the rules are compiled with. Default {@code policies}.
         */
        @WithDefault("policies")
        String dir();
    }

    /** {@code lexgate.decisions.*} */
    interface Decisions {
        /**
         * {@code lexgate.decisions.max-body-bytes}: the largest body of {@code POST /v1/decisions},
         * in bytes; a larger one is answered 413. Default 262144 (256 KiB). The HTTP server's own
         * ceiling is {@code quarkus.http.limits.max-body-size}.
         */
        @WithDefault("262144")
        int maxBodyBytes();
    }

    /** {@code lexgate.evaluation.*} */
    interface Evaluation {
        /**
         * {@code lexgate.evaluation.budget}: how long one evaluation may run; one still running is
         * answered {@code REVIEW} naming the budget, its session halted and its worker replaced.
         * Default {@code 300ms}.
         */
        @WithDefault("300ms")
        Duration budget();

        /**
         * {@code lexgate.evaluation.threads}: the worker threads evaluations run on. Default: one
         * per core, at least two.
         */
        Optional<Integer> threads();

        /**
         * {@code lexgate.evaluation.queue-timeout}: how long an evaluation may wait for a free
         * worker before the request is answered 503. Default {@code 10s}.
         */
        @WithDefault("10s")
        Duration queueTimeout();

        /**
         * {@code lexgate.evaluation.spin-micros}: how long an idle evaluation worker looks for the
         * next evaluation before it parks (a caller waiting for its answer looks about as long as
         * recent evaluations took: four to sixteen times as long), shortened on its own when the
         * waits are longer; {@code 0} never spins. On a virtual machine a parked thread takes tens
         * of microseconds to wake. Default {@code 50}.
         */
        @WithDefault("50")
        int spinMicros();

        /**
         * {@code lexgate.evaluation.budget-millis}: the budget, in milliseconds, of evaluations made
         * outside the service ({@code bin/lexgate check}, {@code test}, {@code explain}), read there
         * as a system property. Default 300. The service itself uses {@code lexgate.evaluation.budget}.
         */
        Optional<Long> budgetMillis();
    }

    /** {@code lexgate.sessions.*} */
    interface Sessions {
        /**
         * {@code lexgate.sessions.max-idle}: idle warm rule sessions kept per ruleset for the next
         * decisions; more are made under load and disposed of when returned. Default 32.
         */
        @WithDefault("32")
        int maxIdle();
    }

    /** {@code lexgate.validation.*} */
    interface Validation {
        /**
         * {@code lexgate.validation.max-body-bytes}: the largest body of
         * {@code POST /v1/rulesets/validate}, in bytes (413 beyond). Default 4194304 (4 MiB).
         */
        @WithDefault("4194304")
        int maxBodyBytes();

        /** {@code lexgate.validation.max-files}: the most files one candidate may hold. Default 2000. */
        @WithDefault("2000")
        int maxFiles();

        /**
         * {@code lexgate.validation.max-file-bytes}: the longest file of a candidate, in characters.
         * Default 524288 (512 KiB).
         */
        @WithDefault("524288")
        int maxFileBytes();

        /**
         * {@code lexgate.validation.timeout}: how long one validation may take in all before it is
         * abandoned (422). Default {@code 120s}.
         */
        @WithDefault("120s")
        Duration timeout();

        /**
         * {@code lexgate.validation.concurrency}: validations running at once in all (503 beyond);
         * one key may run one at a time (429). Default 2.
         */
        @WithDefault("2")
        int concurrency();
    }

    /** {@code lexgate.store.*} */
    interface Store {
        /** {@code lexgate.store.batch-max}: the most decisions committed in one transaction. Default 256. */
        @WithDefault("256")
        int batchMax();

        /**
         * {@code lexgate.store.commit-timeout}: how long a request waits for the commit of its
         * decision before it fails (503, no decision). Default {@code 15s}.
         */
        @WithDefault("15s")
        Duration commitTimeout();

        /**
         * {@code lexgate.store.slow-commit}: a batch whose commit takes at least this long is logged
         * ({@code WARN slow commit: N ms for a batch of N decisions, N queued behind it}). Default
         * {@code 10ms}.
         */
        @WithDefault("10ms")
        Duration slowCommit();

        /**
         * {@code lexgate.store.gather-micros}: how long, in microseconds, the writer may wait before
         * a commit for decisions being evaluated at that moment, so that they share the commit. Never
         * waited for when nothing is being evaluated; 0 turns it off. Default 200.
         */
        @WithDefault("200")
        long gatherMicros();
    }

    /** {@code lexgate.audit.*} */
    interface Audit {
        /**
         * {@code lexgate.audit.dir}: the folder of the Ed25519 checkpoint signing key (made there at
         * first start unless {@code signing-key} is set) and of the trusted public keys of earlier
         * keys ({@code trusted/*.pem}). Default {@code data/audit}; keep it outside the database.
         */
        @WithDefault("data/audit")
        String dir();

        /**
         * {@code lexgate.audit.signing-key}: the checkpoint signing key itself (a PKCS#8 PEM), for instances that share one key (replicas, a Kubernetes Secret). Unset: the key
         * in {@code dir}.
         */
        Optional<String> signingKey();

        /**
         * {@code lexgate.audit.checkpoint-log}: the file signed checkpoints are appended to, one JSON
         * object a line. Default {@code data/audit/checkpoints.jsonl} (application.properties sets
         * {@code ${lexgate.audit.dir}/checkpoints.jsonl}).
         */
        @WithDefault("data/audit/checkpoints.jsonl")
        String checkpointLog();

        /**
         * {@code lexgate.audit.checkpoint-interval}: how often a checkpoint of the chain is signed
         * when decisions were added. Default {@code 60s}; {@code 0s} turns the timer off.
         */
        @WithDefault("60s")
        Duration checkpointInterval();
    }

    /** {@code lexgate.replay.*} */
    interface Replay {
        /** {@code lexgate.replay.batch-size}: stored decisions read per query by an impact analysis. Default 500. */
        @WithDefault("500")
        int batchSize();

        /**
         * {@code lexgate.replay.duty-cycle}: the share of time an impact analysis may keep its worker
         * busy (it rests for the rest), so live decisions keep their latency. Default 0.5; 1 never rests.
         */
        @WithDefault("0.5")
        double dutyCycle();

        /**
         * {@code lexgate.replay.threads}: threads an impact analysis replays a batch on while the
         * service is idle (no live decision in the last 250 ms); while live decisions come it uses one,
         * with the duty cycle. Default 0: one per core.
         */
        @WithDefault("0")
        int threads();
    }

    /** {@code lexgate.log.*} */
    interface Log {
        /**
         * {@code lexgate.log.json}: logs as JSON, one object a line, for a log collector (read by
         * {@code quarkus.log.console.json.enabled}). Default false: plain text.
         */
        @WithDefault("false")
        boolean json();
    }

    /** {@code lexgate.bench.*} */
    interface Bench {
        /**
         * {@code lexgate.bench.echo}: serves {@code POST /bench/echo}, the benchmark's HTTP ceiling
         * (the body echoed, no rules, no storage). Default false (404).
         */
        @WithDefault("false")
        boolean echo();
    }

    /** {@code lexgate.jwt.*}: unset, only API keys are accepted. */
    interface Jwt {
        /** {@code lexgate.jwt.public-key-location}: the identity provider's public key, a PEM file. */
        Optional<String> publicKeyLocation();

        /** {@code lexgate.jwt.jwks-location}: the identity provider's keys as a JWKS, a file or a URL. */
        Optional<String> jwksLocation();

        /** {@code lexgate.jwt.issuer}: the {@code iss} every token must carry, when set. */
        Optional<String> issuer();

        /** {@code lexgate.jwt.audience}: an {@code aud} every token must carry, when set. */
        Optional<String> audience();

        /**
         * {@code lexgate.jwt.allow-http}: accept a key set fetched over plain {@code http://}. Default
         * false: the service refuses to start with one (anyone on the path could sign tokens); true
         * only for a test's local JWKS server.
         */
        @WithDefault("false")
        boolean allowHttp();
    }
}
