package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link IdempotencyTest} against the packaged jar; the rows stored for a key are counted over JDBC. */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class IdempotencyIT extends IdempotencyTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    @Override
    long stored(String key) {
        try {
            return JarClient.count("SELECT COUNT(*) FROM decision WHERE idempotency_key = ?", key);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
