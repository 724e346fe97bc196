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

    @Override
    public Map<String, String> start() {
        Path run = Path.of("target", "it-data", UUID.randomUUID().toString()).toAbsolutePath();
        String url = System.getProperty("it.db.url", "jdbc:h2:file:" + run.resolve("lexgate")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        String user = System.getProperty("it.db.user", "lexgate");
        String password = System.getProperty("it.db.password", "");
        System.setProperty(CONNECTED_URL, url);
        System.setProperty("it.db.connected-user", user);
        System.setProperty("it.db.connected-password", password);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                "lexgate.bootstrap-admin-key", ADMIN_KEY,
                "lexgate.audit.dir", run.resolve("audit").toString(),
                // As in the @QuarkusTest profile: a loaded 2-core CI machine, a budget no healthy evaluation nears.
                "lexgate.evaluation.budget", "5s",
                // The launcher finds the jar's port in its log file, by reading plain text: quarkus-logging-json
                // would write that file as JSON (and the tests would knock on the default port).
                "quarkus.log.file.json.enabled", "false");
    }

    @Override
    public void stop() {
    }
}
