package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link OpenApiConformanceTest} (the OpenAPI document the jar serves against the decision API contract and the examples) against the packaged jar, as the admin key. */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class OpenApiConformanceIT extends OpenApiConformanceTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
