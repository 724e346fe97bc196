package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link DecisionSearchTest} (GET /v1/decisions, JSON and CSV) against the packaged jar, as the admin key. */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class DecisionSearchIT extends DecisionSearchTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    @Override
    String caller() {
        return JarClient.adminClient();
    }
}
