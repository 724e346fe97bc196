package lexgate.api;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retries with an Idempotency-Key: the first decision again, one row, never a duplicate; another body is a 422. */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class IdempotencyTest {
    /**
     * Decisions stored under a key, counted in process. Looked up rather than injected: IdempotencyIT runs
     * these tests against the packaged jar (counting over JDBC), and @QuarkusIntegrationTest refuses @Inject fields.
     */
    long stored(String key) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return em.createQuery("select count(d) from DecisionRecord d where d.idempotencyKey = :k", Long.class)
                .setParameter("k", key).getSingleResult();
    }

    Response post(String key, String body) {
        return given().header("Idempotency-Key", key).contentType("application/json").body(body).when().post("/v1/decisions");
    }

    @Test
    void aRetryGetsTheFirstDecisionAndStoresNothingNew() {
        String key = "order-" + UUID.randomUUID();
        Response first = post(key, DecisionApiTest.DELIVERY);
        assertEquals(201, first.statusCode());
        Response again = post(key, DecisionApiTest.DELIVERY);
        assertEquals(200, again.statusCode());
        assertEquals(first.asString(), again.asString(), "the same body");
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(1, stored(key));
        // The same key with another body: 422 naming the header, nothing stored.
        post(key, DecisionApiTest.DELIVERY.replace("\"t-1\"", "\"t-2\"")).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(1, stored(key));
        // A malformed key is refused.
        post("", DecisionApiTest.DELIVERY).then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        post("x".repeat(256), DecisionApiTest.DELIVERY).then().statusCode(422);
    }

    @Test
    void concurrentRetriesMakeOneDecision() throws Exception {
        String key = "burst-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) answers.add(pool.submit(() -> post(key, DecisionApiTest.DELIVERY)));
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<Response> f : answers) {
            Response r = f.get();
            assertEquals(true, r.statusCode() == 201 || r.statusCode() == 200, r.statusCode() + " " + r.asString());
            if (r.statusCode() == 201) created++;
            ids.add(r.path("decisionId"));
        }
        pool.shutdown();
        assertEquals(1, created, "one decision made");
        assertEquals(1, ids.size(), "every retry answered with it");
        assertEquals(1, stored(key));
    }
}
