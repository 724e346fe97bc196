package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link MetricsTest} (the service's Prometheus metrics (decisions, commits, evaluations)) against the packaged jar, as the admin key. */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class MetricsIT extends MetricsTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
