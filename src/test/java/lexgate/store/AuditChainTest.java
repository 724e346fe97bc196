package lexgate.store;

import io.quarkus.test.junit.QuarkusTest;
import lexgate.api.DecisionApiTest;
import lexgate.testing.TestDb;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision record is a hash chain: concurrent appends keep it intact, another instance appending
 * in between is followed, and a row changed with SQL is named.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class AuditChainTest {

    String post() {
        return given().contentType("application/json").body(DecisionApiTest.DELIVERY)
                .when().post("/v1/decisions").then().statusCode(201).extract().path("decisionId");
    }

    @Test
    void concurrentDecisionsKeepTheChainIntactThenTamperingIsNamed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) ids.add(pool.submit(this::post));
        for (Future<String> f : ids) f.get();
        pool.shutdown();
        given().when().get("/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("verified", greaterThan(199));

        String victim = ids.get(100).get();
        String original;
        try (Connection c = TestDb.connection();
             PreparedStatement q = c.prepareStatement("SELECT response_json FROM decision WHERE id = ?")) {
            q.setString(1, victim);
            ResultSet rs = q.executeQuery();
            rs.next();
            original = rs.getString(1);
        }
        String forged = original.replace("\"outcome\":\"ALLOW\"", "\"outcome\":\"DENY\"");
        if (postgresql()) {
            // On PostgreSQL the record is append-only (db/postgresql V4_1): the rewrite itself is refused.
            // TamperTest rewrites rows on a database of its own with the triggers off, and verify names it.
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> update(victim, forged));
            org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(refused.getMessage()).contains("append-only")
                    || String.valueOf(refused.getMessage()).toLowerCase().contains("decision"), refused.getMessage());
            given().when().get("/v1/audit/verify").then().body("intact", equalTo(true));
            return;
        }
        update(victim, forged);
        try {
            given().when().get("/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstMismatch.decisionId", equalTo(victim));
        } finally {
            update(victim, original);
        }
        given().when().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void anotherInstanceAppendingInBetweenIsFollowed() {
        String mine = post();
        // Another instance appends a decision on the same database: it moves the chain head, so the
        // head this service remembers is stale and the next batch must be chained after the new one.
        String theirs = java.util.UUID.randomUUID().toString();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            ChainHead head = ChainHead.findById(1, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            DecisionRecord last = DecisionRecord.findById(mine);
            DecisionRecord r = new DecisionRecord();
            r.id = theirs;
            r.seq = head.seq + 1;
            r.client = "other-instance";
            r.prevHash = head.hash;
            r.evaluatedAt = last.evaluatedAt;
            r.asOf = last.asOf;
            r.operationId = last.operationId;
            r.purpose = last.purpose;
            r.outcome = last.outcome;
            r.rulesetDigest = last.rulesetDigest;
            r.rulesetVersion = last.rulesetVersion;
            r.durationMicros = last.durationMicros;
            r.requestJson = last.requestJson;
            r.responseJson = last.responseJson.replace(mine, theirs);
            r.hash = DecisionChain.hash(r, head.hash);
            r.persist();
            head.seq = r.seq;
            head.hash = r.hash;
        });
        String next = post();
        long[] seqs = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> new long[]{
                DecisionRecord.<DecisionRecord>findById(mine).seq, DecisionRecord.<DecisionRecord>findById(theirs).seq,
                DecisionRecord.<DecisionRecord>findById(next).seq});
        assertEquals(seqs[0] + 1, seqs[1]);
        assertEquals(seqs[1] + 1, seqs[2], "the next decision follows the other instance's");
        given().when().get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        // The other instance stored no listing columns (as a row stored before V7__decision_listing):
        // the search reads its JSON and lists what the columns list for the copy it was made from.
        io.restassured.path.json.JsonPath page = given().when().get("/v1/decisions?limit=3").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(next, theirs, mine), page.getList("items.decisionId"));
        for (String field : new String[] {"controller", "rules", "evaluatedAt", "outcome", "asOf"}) {
            assertEquals((Object) page.get("items[2]." + field), page.get("items[1]." + field), field);
        }
        assertTrue(page.getList("items[2].rules").size() > 0, "the copied decision lists its rules");
    }

    private boolean postgresql() throws java.sql.SQLException {
        try (Connection c = TestDb.connection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    private void update(String id, String json) throws Exception {
        try (Connection c = TestDb.connection();
             PreparedStatement u = c.prepareStatement("UPDATE decision SET response_json = ? WHERE id = ?")) {
            u.setString(1, json);
            u.setString(2, id);
            assertEquals(1, u.executeUpdate());
        }
    }
}
