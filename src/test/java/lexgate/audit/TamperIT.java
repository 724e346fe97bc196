package lexgate.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every kind of tampering of {@link TamperTest} (each column, a stored ruleset's files, a deleted
 * tail, a rewrite with every later hash recomputed, reordering, the chain head) done over JDBC to
 * the packaged jar's database, and named by its verifier; on PostgreSQL in CI, with its append-only
 * triggers stepped around as the superuser. Each kind is undone exactly, so the other *IT classes
 * sharing the database meet an intact record.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class TamperIT extends TamperTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
