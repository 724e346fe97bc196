package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link DecisionErrorsTest} (problem+json naming each field, nothing stored) against the packaged
 * jar; "nothing stored" is counted over JDBC in the jar's database.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class DecisionErrorsIT extends DecisionErrorsTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    @Override
    long stored() {
        try {
            return JarClient.count("SELECT COUNT(*) FROM decision");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
