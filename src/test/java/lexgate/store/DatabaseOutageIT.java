package lexgate.store;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseOutageTest} against the packaged jar: on PostgreSQL (CI step 2, the jar re-augmented
 * for it) the server is stopped under the running jar, decisions are 503 and never returned,
 * readiness says so, and once it is started again decisions flow without a restart of the jar.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class DatabaseOutageIT extends DatabaseOutageTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    @Test
    @Disabled("holds the connections of the service's own pool, which lives in the jar's process; the stopped "
            + "server below is the same outage seen from outside")
    @Override
    void poolThatCannotConnectGives503ThenRecovers() {
    }
}
