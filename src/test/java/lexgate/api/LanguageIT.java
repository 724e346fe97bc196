package lexgate.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** {@link LanguageTest} (answers in the language asked, stored with it, replayed by meaning) against the packaged jar, as the admin key. */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class LanguageIT extends LanguageTest {
    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }
}
