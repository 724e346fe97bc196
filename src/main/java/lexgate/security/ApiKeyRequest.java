package lexgate.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer credential that is not a JWT: an API key to resolve through {@link ApiKeys}. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {
    private final String key;

    /** The key as presented (after "Bearer "). */
    public ApiKeyRequest(String key) {
        this.key = key;
    }

    /** The key as presented. */
    public String key() {
        return key;
    }
}
