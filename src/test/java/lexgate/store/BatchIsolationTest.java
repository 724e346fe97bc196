package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import lexgate.api.DecisionApiTest;
import lexgate.decision.DecisionIds;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision the database refuses (a value too long for its column) must fail alone: the other
 * decisions of its group commit are committed and acknowledged, and the chain stays intact. The two
 * records are put in one batch with the gather window (the writer waits for the announced one).
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class BatchIsolationTest {

    @Inject
    DecisionWriter store;

    @Inject
    EntityManager em;

    @Inject
    lexgate.audit.RecordVerifier verifier;

    @ConfigProperty(name = "lexgate.store.gather-micros", defaultValue = "200")
    long gatherMicros;

    @Test
    void aRefusedDecisionDoesNotTakeItsBatchWithIt() throws Exception {
        String id = given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
        DecisionRecord template = em.find(DecisionRecord.class, id);
        DecisionRecord bad = copy(template, "x".repeat(400));   // client is VARCHAR(300)
        DecisionRecord good = copy(template, template.client);

        store.gatherWindow(Duration.ofSeconds(10));
        CompletableFuture<Void> badDone, goodDone;
        store.announce();
        try {
            badDone = store.append(bad);   // the writer takes it, then waits for the announced decision
            Thread.sleep(200);
            goodDone = store.append(good);
        } finally {
            store.withdraw();
            store.gatherWindow(Duration.ofNanos(gatherMicros * 1_000));
        }
        goodDone.get(10, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> badDone.get(10, TimeUnit.SECONDS));
        assertTrue(DecisionStore.rejectedData(e.getCause()), String.valueOf(e.getCause()));

        em.clear();
        assertNotNull(em.find(DecisionRecord.class, good.id), "the good decision of the batch was not stored");
        assertNull(em.find(DecisionRecord.class, bad.id));
        lexgate.audit.RecordVerifier.Result r = verifier.verify();
        assertTrue(r.intact(), String.valueOf(r.firstMismatch()));
        assertEquals(0, em.createQuery("select count(d) from DecisionRecord d where d.id = :id", Long.class)
                .setParameter("id", bad.id).getSingleResult());
    }

    private static DecisionRecord copy(DecisionRecord t, String client) {
        DecisionRecord r = new DecisionRecord();
        r.evaluatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);   // as DecisionService stores it
        r.id = DecisionIds.next(r.evaluatedAt);
        r.client = client;
        r.asOf = t.asOf;
        r.operationId = t.operationId;
        r.purpose = t.purpose;
        r.outcome = t.outcome;
        r.rulesetDigest = t.rulesetDigest;
        r.rulesetVersion = t.rulesetVersion;
        r.durationMicros = t.durationMicros;
        r.requestJson = t.requestJson;
        r.responseJson = t.responseJson.replace(t.id, r.id);
        return r;
    }
}
