package lexgate.store;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link SingleStatementAppendTest} against the packaged jar: on PostgreSQL in CI, the one-statement
 * append of the jar re-augmented for it stores exactly the bytes served (quotes, backslashes,
 * non-ASCII) and moves the head.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class SingleStatementAppendIT extends SingleStatementAppendTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    @Override
    Boolean singleStatement() {
        return null;
    }
}
