package lexgate.store;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link SchemaMigrationTest} against the packaged jar: the vendor migrations (and lz4 on
 * PostgreSQL) of the database the jar was configured for, and the record read back byte for byte.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class SchemaMigrationIT extends SchemaMigrationTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
