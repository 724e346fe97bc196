package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link AuthoringApiTest} (the authors' API: candidate rules validated (walls, scenarios), the rule catalogue) against the packaged jar, as the admin key. */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class AuthoringApiIT extends AuthoringApiTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
