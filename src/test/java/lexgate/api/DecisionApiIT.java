package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link DecisionApiTest} against the packaged jar, as the admin key (its tests speak only HTTP). */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class DecisionApiIT extends DecisionApiTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
