package lexgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The configuration of the packaged jar the *IT classes start (@QuarkusIntegrationTest): its
 * database, a bootstrap admin key the tests know, and a data directory of its own for each run.
 * Everything is configuration of the one jar ./mvnw package built, never a second build.
 *
 * <p>The database comes from the test JVM's system properties {@code it.db.url},
 * {@code it.db.user} and {@code it.db.password} (.ci/run sets them for PostgreSQL, on the jar
 * re-augmented for it); without them, an H2 file under {@code target/it-data/<run>} opened with
 * AUTO_SERVER, so that the tests can reach the same database over JDBC while the service holds it.
 * The names are not {@code lexgate.*}: the service refuses unknown {@code lexgate.*} settings, and
 * these are never passed to it.
 */
public class JarUnderTest implements QuarkusTestResourceLifecycleManager {
    /** The first admin key given to the service (LEXGATE_BOOTSTRAP_ADMIN_KEY); only its hash is stored. */
    public static final String ADMIN_KEY = "it-admin-key-5f0c1d2e3b4a69788796a5b4";

    /** The URL the service was given, for the tests' own JDBC connections (set by {@link #start()}). */
    static final String CONNECTED_URL = "it.db.connected-url";

    /** This run's directory (its rules/ and policies/ are the service's, which tests may edit and restore). */
    static final String RUN_DIR = "it.run-dir";

    /** The run directory of the started jar. */
    public static Path runDir() {
        return Path.of(System.getProperty(RUN_DIR));
    }

    @Override
    public Map<String, String> start() {
        Path run = Path.of("target", "it-data", UUID.randomUUID().toString()).toAbsolutePath();
        String url = System.getProperty("it.db.url", "jdbc:h2:file:" + run.resolve("lexgate")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        String user = System.getProperty("it.db.user", "lexgate");
        String password = System.getProperty("it.db.password", "");
        Trees.copy(Path.of("rules"), run.resolve("rules"));
        Trees.copy(Path.of("policies"), run.resolve("policies"));
        System.setProperty(RUN_DIR, run.toString());
        System.setProperty(CONNECTED_URL, url);
        System.setProperty("it.db.connected-user", user);
        System.setProperty("it.db.connected-password", password);
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", url),
                Map.entry("quarkus.datasource.username", user),
                Map.entry("quarkus.datasource.password", password),
                Map.entry("lexgate.bootstrap-admin-key", ADMIN_KEY),
                Map.entry("lexgate.audit.dir", auditDir(run).toString()),
                // A copy of rules/ and policies/: an impact analysis test edits a candidate without touching the project.
                Map.entry("lexgate.rules.dir", run.resolve("rules").toString()),
                Map.entry("lexgate.policies.dir", run.resolve("policies").toString()),
                // Checkpoints only when a test asks: one signed in the background could sign a tampered record.
                Map.entry("lexgate.audit.checkpoint-interval", "0s"),
                // As in the @QuarkusTest profile: a loaded 2-core CI machine, a budget no healthy evaluation nears.
                Map.entry("lexgate.evaluation.budget", "5s"),
                // The launcher finds the jar's port in its log file, by reading plain text: quarkus-logging-json
                // would write that file as JSON (and the tests would knock on the default port).
                Map.entry("quarkus.log.file.json.enabled", "false"));
    }

    /**
     * Where the jar keeps its signing key and checkpoint log. The jar is started again whenever the
     * IT classes' test profiles differ (TamperIT's); on H2 each start has a database of its own, so its
     * own folder too. A database given with
     * {@code it.db.url} (PostgreSQL in CI) is shared by every start, and so is this folder, as in a
     * real deployment whose key outlives a restart: a checkpoint one start signed into the shared
     * database is then checked with the key that signed it, not reported as signed by an unknown key.
     */
    static Path auditDir(Path run) {
        if (System.getProperty("it.db.url") == null) return run.resolve("audit");
        return Path.of("target", "it-data", "audit-" + SHARED_AUDIT).toAbsolutePath();
    }

    /** One per test JVM (one failsafe run), which expects an empty database (README). */
    private static final String SHARED_AUDIT = UUID.randomUUID().toString();

    @Override
    public void stop() {
    }
}
