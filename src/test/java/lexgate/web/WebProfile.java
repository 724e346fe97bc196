package lexgate.web;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The desk's tests: authentication on, with a bootstrap admin key that creates the keys of each role. */
public class WebProfile implements QuarkusTestProfile {
    static final String ADMIN = "test-web-admin-key-0123456789abcdef";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lexgate.auth.enabled", "true", "lexgate.bootstrap-admin-key", ADMIN);
    }
}
