package lexgate.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import lexgate.api.DecisionApiTest;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tokens from an identity provider that publishes a JWKS (SmallRye JWT): RS256, PS256 and ES256;
 * the issuer, the audience and the expiry (with the clock skew) checked; a key published after the
 * start (a rotation: a kid the service has not seen) picked up; roles from groups or roles, admin
 * implying the others. The JWKS is served by a small http server of this test.
 */
@QuarkusTest
@TestProfile(JwtTest.Jwks.class)
class JwtTest {
    static final String ISSUER = "https://idp.example";
    static final String AUDIENCE = "lexgate";
    static final String ADMIN = "jwt-test-admin-key-0123456789abcdef";
    static KeyPair rsa;
    static KeyPair ec;
    static final List<JsonWebKey> published = new ArrayList<>();
    static HttpServer server;

    /** The JWKS at http://127.0.0.1:port/jwks.json, issuer and audience required. */
    public static class Jwks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
                r.initialize(2048);
                rsa = r.generateKeyPair();
                KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
                e.initialize(new ECGenParameterSpec("secp256r1"));
                ec = e.generateKeyPair();
                publish(rsa, "rsa-1");
                publish(ec, "ec-1");
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/jwks.json", x -> {
                    byte[] body;
                    synchronized (published) {
                        body = new JsonWebKeySet(published).toJson().getBytes(StandardCharsets.UTF_8);
                    }
                    x.getResponseHeaders().add("Content-Type", "application/json");
                    x.sendResponseHeaders(200, body.length);
                    x.getResponseBody().write(body);
                    x.close();
                });
                server.start();
                // Plain http is refused in production (JwtSettings); this local test server is allowed it.
                return Map.of("lexgate.bootstrap-admin-key", ADMIN,
                        "lexgate.jwt.jwks-location", "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json",
                        "lexgate.jwt.allow-http", "true",
                        "lexgate.jwt.issuer", ISSUER, "lexgate.jwt.audience", AUDIENCE);
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }
    }

    static void publish(KeyPair kp, String kid) throws Exception {
        PublicJsonWebKey k = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
        k.setKeyId(kid);
        synchronized (published) {
            published.add(k);
        }
    }

    @Inject
    EntityManager em;

    /** Claims of a token that verifies: our issuer and audience, expiring in five minutes. */
    static JwtClaimsBuilder claims(String sub, String... groups) {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(sub).groups(Set.of(groups)).issuedAt(now).expiresAt(now + 300);
    }

    static String rs256(JwtClaimsBuilder c) {
        return c.jws().keyId("rsa-1").algorithm(SignatureAlgorithm.RS256).sign(rsa.getPrivate());
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void rs256Ps256AndEs256TokensAreAccepted() {
        String id = given().header("Authorization", bearer(rs256(claims("svc-rsa", "decide")))).contentType("application/json")
                .body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        assertEquals("jwt:svc-rsa", em.createQuery("select d.client from DecisionRecord d where d.id = :id", String.class)
                .setParameter("id", id).getSingleResult());
        String es = claims("svc-ec", "decide").jws().keyId("ec-1").algorithm(SignatureAlgorithm.ES256).sign(ec.getPrivate());
        String ecId = given().header("Authorization", bearer(es)).contentType("application/json")
                .body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        assertEquals("jwt:svc-ec", em.createQuery("select d.client from DecisionRecord d where d.id = :id", String.class)
                .setParameter("id", ecId).getSingleResult());
        String ps = claims("svc-ps", "decide").jws().keyId("rsa-1").algorithm(SignatureAlgorithm.PS256).sign(rsa.getPrivate());
        given().header("Authorization", bearer(ps)).when().get("/v1/rulesets/active").then().statusCode(200);
    }

    @Test
    void wrongIssuerWrongAudienceAndExpiryBeyondTheSkewAre401Problems() {
        long now = Instant.now().getEpochSecond();
        List<String> refused = List.of(
                rs256(claims("svc", "decide").issuer("https://other-idp.example")),
                rs256(claims("svc", "decide").audience("another-service")),
                rs256(claims("svc", "decide").issuedAt(now - 600).expiresAt(now - 120)),
                // signed by a key the identity provider does not publish, under a kid it does
                claims("svc", "decide").jws().keyId("rsa-1").algorithm(SignatureAlgorithm.RS256).sign(otherRsa()));
        for (String token : refused) {
            given().header("Authorization", bearer(token)).when().get("/v1/rulesets/active").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                    .body("detail", equalTo("the API key or token is not valid (unknown, revoked or expired)"));
        }
        // Expired 20 s ago: within the 60 s clock skew, still accepted.
        given().header("Authorization", bearer(rs256(claims("svc", "decide").issuedAt(now - 300).expiresAt(now - 20))))
                .when().get("/v1/rulesets/active").then().statusCode(200);
    }

    private static java.security.PrivateKey otherRsa() {
        try {
            KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
            r.initialize(2048);
            return r.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeyPublishedAfterTheStartIsPickedUp() throws Exception {
        // The key set is loaded (the service has verified a token with it) ...
        given().header("Authorization", bearer(rs256(claims("svc", "decide")))).when().get("/v1/rulesets/active")
                .then().statusCode(200);
        // ... then the identity provider rotates: a new key under a kid the service has not seen.
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        KeyPair rotated = r.generateKeyPair();
        publish(rotated, "rsa-2");
        String token = claims("svc-rotated", "decide").jws().keyId("rsa-2").algorithm(SignatureAlgorithm.RS256)
                .sign(rotated.getPrivate());
        given().header("Authorization", bearer(token)).when().get("/v1/rulesets/active").then().statusCode(200);
    }

    @Test
    void adminImpliesDecideReviewAndAuthor() {
        String admin = bearer(rs256(claims("boss", "admin")));
        given().header("Authorization", admin).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201);
        given().header("Authorization", admin).when().get("/v1/decisions").then().statusCode(200);
        given().header("Authorization", admin).contentType("application/json").body(Map.of("files", Map.of()))
                .when().post("/v1/rulesets/validate").then().statusCode(200);
        given().header("Authorization", admin).when().get("/v1/keys").then().statusCode(200);
        // The same with an admin API key.
        given().header("Authorization", "Bearer " + ADMIN).when().get("/v1/decisions").then().statusCode(200);
        given().header("Authorization", "Bearer " + ADMIN).contentType("application/json").body(Map.of("files", Map.of()))
                .when().post("/v1/rulesets/validate").then().statusCode(200);
    }

    @Test
    void rolesComeFromGroupsOrRolesAndADeciderIsRefusedReviewAs403Problem() {
        long now = Instant.now().getEpochSecond();
        String reviewer = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("rita").claim("roles", List.of("review"))
                .issuedAt(now).expiresAt(now + 300).jws().keyId("rsa-1").algorithm(SignatureAlgorithm.RS256).sign(rsa.getPrivate());
        given().header("Authorization", bearer(reviewer)).when().get("/v1/decisions").then().statusCode(200);
        given().header("Authorization", bearer(reviewer)).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(403);
        String decider = bearer(rs256(claims("dora", "decide")));
        for (String path : List.of("/v1/decisions", "/v1/replays", "/v1/audit/verify")) {
            given().header("Authorization", decider).when().get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("title", equalTo("Forbidden"))
                    .body("detail", equalTo("this needs the role review (or admin)"));
        }
        given().header("Authorization", decider).when().get("/v1/keys").then().statusCode(403)
                .body("detail", equalTo("this needs the role admin"));
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        long now = Instant.now().getEpochSecond();
        String token = Jwt.issuer(ISSUER).audience(AUDIENCE).upn("someone@example.org").groups(Set.of("decide"))
                .issuedAt(now).expiresAt(now + 300).jws().keyId("rsa-1").algorithm(SignatureAlgorithm.RS256).sign(rsa.getPrivate());
        given().header("Authorization", bearer(token)).when().get("/v1/rulesets/active").then().statusCode(401);
    }

    @Test
    void plainHttpKeySetsAreRefusedUnlessAllowed() {
        assertThrows(IllegalStateException.class, () -> JwtSettings.check("http://idp.example/jwks.json", false));
        JwtSettings.check("http://127.0.0.1/jwks.json", true);
        JwtSettings.check("https://idp.example/jwks.json", false);
        JwtSettings.check("/etc/lexgate/idp.pem", false);
    }
}
