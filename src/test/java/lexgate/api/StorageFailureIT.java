package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link StorageFailureTest} against the packaged jar: the decision table taken away over JDBC, a
 * 503 and nothing stored, then decisions again. On PostgreSQL in CI, this is the jar re-augmented
 * for it.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class StorageFailureIT extends StorageFailureTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
