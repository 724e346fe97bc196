package lexgate.store;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link Utf8RecordTest} against the packaged jar (H2, and PostgreSQL in CI). */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class Utf8RecordIT extends Utf8RecordTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
