package lexgate.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import lexgate.api.DecisionApiTest;
import org.junit.jupiter.api.Test;

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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Role boundaries with API keys and JWTs, 401/403 as problems, and the client recorded on each decision. */
@QuarkusTest
@TestProfile(AuthTest.On.class)
class AuthTest {
    static final String ADMIN = "test-admin-key-0123456789abcdef";
    static PrivateKey signingKey;
    static PrivateKey otherKey;

    /** A bootstrap admin key, and a JWT public key as a PEM file (README's LEXGATE_JWT_PUBLIC_KEY_LOCATION). */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair kp = g.generateKeyPair();
                signingKey = kp.getPrivate();
                otherKey = g.generateKeyPair().getPrivate();
                Path pem = Files.createTempFile("lexgate-jwt", ".pem");
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
                return Map.of("lexgate.bootstrap-admin-key", ADMIN,
                        "lexgate.jwt.public-key-location", pem.toString(), "lexgate.jwt.issuer", "https://idp.example");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    EntityManager em;

    static String key(String role) {
        return given().header("Authorization", "Bearer " + ADMIN).contentType("application/json")
                .body(Map.of("name", role + " client", "roles", List.of(role)))
                .when().post("/v1/keys").then().statusCode(201).extract().path("key");
    }

    static String jwt(PrivateKey k, String sub, List<String> groups, long expiresIn) throws Exception {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        String header = b.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().getEpochSecond() + expiresIn;
        // iat as well as exp: SmallRye JWT requires both (and iat <= exp).
        String claims = b.encodeToString(("{\"sub\":\"" + sub + "\",\"iss\":\"https://idp.example\",\"iat\":"
                + (Math.min(Instant.now().getEpochSecond(), exp) - 60) + ",\"exp\":" + exp + ",\"groups\":[\"" + String.join("\",\"", groups) + "\"]}")
                .getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(k);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b.encodeToString(s.sign());
    }

    @Test
    void withoutCredentialsIs401Problem() {
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer lgk_not-a-key").when().get("/v1/rulesets/active").then().statusCode(401);
    }

    @Test
    void healthAndOpenApiStayOpen() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aDecideKeyDecidesButCannotReadReplayReloadOrManageKeys() {
        String decide = "Bearer " + key("decide");
        String id = given().header("Authorization", decide).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        given().header("Authorization", decide).when().get("/v1/decisions/" + id).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", decide).contentType("application/json").body("{}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(403);
        given().header("Authorization", decide).when().post("/v1/rulesets/reload").then().statusCode(403);
        given().header("Authorization", decide).when().get("/v1/keys").then().statusCode(403);
        given().header("Authorization", decide).when().get("/v1/audit/verify").then().statusCode(403);
        String client = em.createQuery("select d.client from DecisionRecord d where d.id = :id", String.class)
                .setParameter("id", id).getSingleResult();
        assertEquals(true, client.startsWith("key:"), client);
    }

    @Test
    void aReviewKeyReadsAndReplaysButCannotDecideOrReload() {
        String id = given().header("Authorization", "Bearer " + ADMIN).contentType("application/json")
                .body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        String review = "Bearer " + key("review");
        given().header("Authorization", review).when().get("/v1/decisions/" + id).then().statusCode(200);
        given().header("Authorization", review).contentType("application/json").body("{}")
                .when().post("/v1/decisions/" + id + "/replay").then().statusCode(200);
        given().header("Authorization", review).when().get("/v1/audit/verify").then().statusCode(200);
        given().header("Authorization", review).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(403);
        given().header("Authorization", review).when().post("/v1/rulesets/reload").then().statusCode(403);
    }

    /** Issue 19: finding decisions and reading impact analyses need review; a decide key sees none of it. */
    @Test
    void onlyReviewersFindDecisionsAndReadAnalyses() {
        String decide = "Bearer " + key("decide");
        String review = "Bearer " + key("review");
        String id = given().header("Authorization", decide).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        for (String accept : List.of("application/json", "text/csv")) {
            given().header("Authorization", decide).accept(accept).when().get("/v1/decisions").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().header("Authorization", decide).when().get("/v1/replays").then().statusCode(403);
        given().header("Authorization", decide).when().get("/v1/replays/x/report").then().statusCode(403);
        given().header("Authorization", decide).accept("text/csv").when().get("/v1/replays/x/report").then().statusCode(403);
        given().when().get("/v1/decisions").then().statusCode(401);
        // A reviewer finds it, filtered on the client that asked (recorded as key:<id>).
        String client = given().header("Authorization", review).queryParam("limit", 500).when().get("/v1/decisions").then()
                .statusCode(200).extract().path("items.find { it.decisionId == '" + id + "' }.client");
        org.junit.jupiter.api.Assertions.assertNotNull(client);
        given().header("Authorization", review).queryParam("client", client).when().get("/v1/decisions").then().statusCode(200)
                .body("items[0].decisionId", equalTo(id));
        given().header("Authorization", review).accept("text/csv").when().get("/v1/decisions").then().statusCode(200);
        given().header("Authorization", review).when().get("/v1/replays").then().statusCode(200);
        // Starting an analysis is the author's: a reviewer reads analyses, an author (or admin) starts them.
        String start = "{\"target\": \"active\", \"filter\": {}}";
        given().header("Authorization", review).contentType("application/json").body(start)
                .when().post("/v1/replays").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + key("author")).contentType("application/json").body(start)
                .when().post("/v1/replays").then().statusCode(202);
    }

    @Test
    void anAuthorKeyReloadsAndValidatesButCannotDecide() {
        String author = "Bearer " + key("author");
        given().header("Authorization", author).when().post("/v1/rulesets/reload").then().statusCode(200);
        given().header("Authorization", author).contentType("application/json").body(Map.of("files", Map.of()))
                .when().post("/v1/rulesets/validate").then().statusCode(200);
        given().header("Authorization", author).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(403);
    }

    @Test
    void aRevokedKeyIsRefused() {
        String created = given().header("Authorization", "Bearer " + ADMIN).contentType("application/json")
                .body(Map.of("name", "temp", "roles", List.of("decide"))).when().post("/v1/keys")
                .then().statusCode(201).extract().asString();
        String k = io.restassured.path.json.JsonPath.from(created).getString("key");
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        given().header("Authorization", "Bearer " + k).when().get("/v1/rulesets/active").then().statusCode(200);
        given().header("Authorization", "Bearer " + ADMIN).when().delete("/v1/keys/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + k).when().get("/v1/rulesets/active").then().statusCode(401);
        given().header("Authorization", "Bearer " + ADMIN).when().get("/v1/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.revokedAt", org.hamcrest.Matchers.notNullValue())
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(k)));
    }

    @Test
    void badKeyRequestsAre422() {
        given().header("Authorization", "Bearer " + ADMIN).contentType("application/json")
                .body(Map.of("name", "x", "roles", List.of("superuser"))).when().post("/v1/keys")
                .then().statusCode(422).body("errors[0].field", equalTo("roles[0]"));
    }

    @Test
    void aSignedTokenDecidesAsItsSubjectAndBadTokensAreRefused() throws Exception {
        String token = jwt(signingKey, "svc-crm", List.of("decide"), 300);
        String id = given().header("Authorization", "Bearer " + token).contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        String client = em.createQuery("select d.client from DecisionRecord d where d.id = :id", String.class)
                .setParameter("id", id).getSingleResult();
        assertEquals("jwt:svc-crm", client);
        given().header("Authorization", "Bearer " + token).when().post("/v1/rulesets/reload").then().statusCode(403);
        given().header("Authorization", "Bearer " + jwt(signingKey, "svc-crm", List.of("decide"), -3600))
                .when().get("/v1/rulesets/active").then().statusCode(401);
        given().header("Authorization", "Bearer " + jwt(otherKey, "svc-crm", List.of("admin"), 300))
                .when().get("/v1/rulesets/active").then().statusCode(401);

        // The longest subject OpenID Connect allows is recorded whole; a longer one is not a valid token.
        String longest = "s".repeat(255);
        String id255 = given().header("Authorization", "Bearer " + jwt(signingKey, longest, List.of("decide"), 300))
                .contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        assertEquals("jwt:" + longest, em.createQuery("select d.client from DecisionRecord d where d.id = :id", String.class)
                .setParameter("id", id255).getSingleResult());
        given().header("Authorization", "Bearer " + jwt(signingKey, longest + "s", List.of("decide"), 300))
                .contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(401);
    }

    @Inject
    ApiKeyIdentityProvider keyProvider;

    @Inject
    ApiKeys apiKeys;

    /**
     * The fast path: a key checked in the last seconds is resolved in place, without a worker thread
     * (so without a database call); a key not cached goes to a worker (runBlocking).
     */
    @Test
    void aCachedKeyIsResolvedWithoutBlockingAndAMissGoesToAWorker() {
        java.util.concurrent.atomic.AtomicInteger blocking = new java.util.concurrent.atomic.AtomicInteger();
        io.quarkus.security.identity.AuthenticationRequestContext noWorker = supplier -> {
            blocking.incrementAndGet();
            return io.smallrye.mutiny.Uni.createFrom().item(supplier);
        };
        String k = key("review");
        apiKeys.authenticate(k); // now cached
        io.quarkus.security.identity.SecurityIdentity id = keyProvider.authenticate(new ApiKeyRequest(k), noWorker)
                .await().indefinitely();
        assertEquals(0, blocking.get(), "a cached key needs no worker thread");
        assertEquals(true, id.getPrincipal().getName().startsWith("key:"), id.getPrincipal().getName());
        assertEquals(true, id.hasRole("review"));
        org.junit.jupiter.api.Assertions.assertThrows(io.quarkus.security.AuthenticationFailedException.class,
                () -> keyProvider.authenticate(new ApiKeyRequest("lgk_never-issued-" + System.nanoTime()), noWorker).await().indefinitely());
        assertEquals(1, blocking.get(), "a key not cached is looked up on a worker thread");
    }
}
