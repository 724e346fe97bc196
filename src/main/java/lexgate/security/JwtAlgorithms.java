package lexgate.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * The signature algorithms SmallRye JWT accepts, unless {@code mp.jwt.verify.publickey.algorithm}
 * is set: RS, PS and ES (256/384/512) when the keys come from a JWKS (each key names its type); the
 * RSA ones only for a PEM key ({@code lexgate.jwt.public-key-location}), because SmallRye reads a
 * PEM key as the type of the first algorithm of its (unordered) set. An EC PEM key: set
 * {@code MP_JWT_VERIFY_PUBLICKEY_ALGORITHM=ES256}.
 */
@Priority(Priorities.APPLICATION + 100)
public class JwtAlgorithms implements ConfigSourceInterceptor {
    static final String NAME = "mp.jwt.verify.publickey.algorithm";
    static final String RSA = "RS256,RS384,RS512,PS256,PS384,PS512";
    static final String ALL = RSA + ",ES256,ES384,ES512";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!NAME.equals(name) || value != null && value.getValue() != null && !value.getValue().isBlank()) return value;
        ConfigValue pem = context.proceed("lexgate.jwt.public-key-location");
        boolean isPem = pem != null && pem.getValue() != null && !pem.getValue().isBlank();
        return ConfigValue.builder().withName(NAME).withValue(isPem ? RSA : ALL).build();
    }
}
