package lexgate.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer JWTs from an organisation's identity provider: RS256/RS384/RS512 signatures
 * against a configured PEM public key ({@code lexgate.jwt.public-key-location}) or a JWKS (file or
 * URL, {@code lexgate.jwt.jwks-location}, refreshed hourly), expiry and not-before (60 s leeway),
 * and the issuer and audience when configured. Roles come from the {@code groups} claim (MP-JWT)
 * or {@code roles}; the caller id is {@code jwt:<sub>}.
 */
@ApplicationScoped
public class JwtVerifier {
    private static final Logger LOG = Logger.getLogger(JwtVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LEEWAY_SECONDS = 60;
    /** The longest subject OpenID Connect allows. */
    static final int MAX_SUBJECT = 255;

    @ConfigProperty(name = "lexgate.jwt.public-key-location")
    Optional<String> publicKeyLocation;

    @ConfigProperty(name = "lexgate.jwt.jwks-location")
    Optional<String> jwksLocation;

    @ConfigProperty(name = "lexgate.jwt.issuer")
    Optional<String> issuer;

    @ConfigProperty(name = "lexgate.jwt.audience")
    Optional<String> audience;

    private volatile Map<String, PublicKey> jwks = Map.of();
    private volatile Instant jwksLoaded = Instant.EPOCH;
    private volatile PublicKey pem;

    /** True when a key source is configured. */
    public boolean enabled() {
        return publicKeyLocation.filter(s -> !s.isBlank()).isPresent() || jwksLocation.filter(s -> !s.isBlank()).isPresent();
    }

    /** The caller the token stands for, if it verifies. */
    public Optional<Caller> verify(String token) {
        if (!enabled()) return Optional.empty();
        try {
            String[] parts = token.split("\\.");
            if (parts.length != 3) return Optional.empty();
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String alg = header.path("alg").asText();
            String javaAlg = switch (alg) {
                case "RS256" -> "SHA256withRSA";
                case "RS384" -> "SHA384withRSA";
                case "RS512" -> "SHA512withRSA";
                default -> null;
            };
            if (javaAlg == null) return Optional.empty();
            PublicKey key = key(header.path("kid").asText(null));
            if (key == null) return Optional.empty();
            Signature sig = Signature.getInstance(javaAlg);
            sig.initVerify(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(Base64.getUrlDecoder().decode(parts[2]))) return Optional.empty();
            long now = Instant.now().getEpochSecond();
            if (!claims.hasNonNull("exp") || claims.get("exp").asLong() + LEEWAY_SECONDS < now) return Optional.empty();
            if (claims.hasNonNull("nbf") && claims.get("nbf").asLong() - LEEWAY_SECONDS > now) return Optional.empty();
            if (issuer.isPresent() && !issuer.get().equals(claims.path("iss").asText())) return Optional.empty();
            if (audience.isPresent() && !audienceMatches(claims.path("aud"), audience.get())) return Optional.empty();
            String sub = claims.path("sub").asText("");
            // OpenID Connect Core 1.0, section 2: sub "MUST NOT exceed 255 ASCII characters in length";
            // the decision record keeps "jwt:" + sub (VARCHAR(300)).
            if (sub.isBlank() || sub.length() > MAX_SUBJECT) return Optional.empty();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String claim : new String[] {"groups", "roles"}) {
                claims.path(claim).forEach(n -> { Role r = Role.of(n.asText()); if (r != null) roles.add(r); });
            }
            return Optional.of(new Caller("jwt:" + sub, roles));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static boolean audienceMatches(JsonNode aud, String expected) {
        if (aud.isArray()) {
            for (JsonNode a : aud) if (expected.equals(a.asText())) return true;
            return false;
        }
        return expected.equals(aud.asText());
    }

    private PublicKey key(String kid) throws Exception {
        if (publicKeyLocation.filter(s -> !s.isBlank()).isPresent()) {
            if (pem == null) {
                String text = read(publicKeyLocation.get());
                String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                pem = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
            }
            return pem;
        }
        if (Duration.between(jwksLoaded, Instant.now()).toHours() >= 1 || (kid != null && !jwks.containsKey(kid))) {
            loadJwks();
        }
        if (kid != null) return jwks.get(kid);
        return jwks.size() == 1 ? jwks.values().iterator().next() : null;
    }

    private synchronized void loadJwks() {
        if (Duration.between(jwksLoaded, Instant.now()).toSeconds() < 10) return;
        try {
            JsonNode doc = JSON.readTree(read(jwksLocation.get()));
            Map<String, PublicKey> keys = new HashMap<>();
            for (JsonNode k : doc.path("keys")) {
                if (!"RSA".equals(k.path("kty").asText())) continue;
                BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText()));
                BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText()));
                keys.put(k.path("kid").asText("default"), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
            }
            jwks = keys;
        } catch (Exception e) {
            LOG.warnf("JWKS at %s could not be loaded: %s", jwksLocation.orElse(""), e.getClass().getSimpleName());
        } finally {
            jwksLoaded = Instant.now();
        }
    }

    private static String read(String location) throws Exception {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return c.send(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        return Files.readString(Path.of(location));
    }
}
