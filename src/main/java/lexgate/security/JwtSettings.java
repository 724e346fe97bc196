package lexgate.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses to start with a remote key set over plain {@code http://}: anyone on the path could
 * hand the service keys of their own and sign any token. Only {@code lexgate.jwt.allow-http=true}
 * allows it (the tests serve their JWKS from a local http server).
 */
@ApplicationScoped
public class JwtSettings {

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> location;

    @ConfigProperty(name = "lexgate.jwt.allow-http", defaultValue = "false")
    boolean allowHttp;

    void onStart(@Observes StartupEvent event) {
        check(location.orElse(""), allowHttp);
    }

    static void check(String location, boolean allowHttp) {
        if (location.regionMatches(true, 0, "http://", 0, 7) && !allowHttp) {
            throw new IllegalStateException("the JWT key set " + location + " is fetched over plain http: use https "
                    + "(or set lexgate.jwt.allow-http=true for a test set-up)");
        }
    }
}
