package lexgate.web;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The desk's tests: a bootstrap admin key that creates the keys of each role, and a JWT public key. */
public class WebProfile implements QuarkusTestProfile {
    static final String ADMIN = "test-web-admin-key-0123456789abcdef";
    static final String ISSUER = "https://idp.example";
    static PrivateKey signingKey;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            signingKey = kp.getPrivate();
            Path pem = Files.createTempFile("lexgate-web-jwt", ".pem");
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            return Map.of("lexgate.bootstrap-admin-key", ADMIN,
                    "lexgate.jwt.public-key-location", pem.toString(), "lexgate.jwt.issuer", ISSUER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token from the identity provider for the subject, with these groups (roles). */
    static String jwt(String sub, List<String> groups) throws Exception {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        String header = b.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b.encodeToString(("{\"sub\":\"" + sub + "\",\"iss\":\"" + ISSUER + "\",\"iat\":"
                + Instant.now().getEpochSecond() + ",\"exp\":" + (Instant.now().getEpochSecond() + 600) + ",\"groups\":[\"" + String.join("\",\"", groups) + "\"]}")
                .getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(signingKey);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b.encodeToString(s.sign());
    }
}
