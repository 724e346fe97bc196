package lexgate.store;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import lexgate.api.DecisionApiTest;
import lexgate.testing.JarClient;
import lexgate.testing.JarUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision the database refuses fails alone, on the packaged jar and whichever database it was
 * configured for (on PostgreSQL, CI step 2: its one-statement append of a whole batch). The test adds
 * a CHECK constraint over JDBC that refuses one operationId, then sends that decision among fifteen
 * others at once, until the jar's log shows that the refused one shared a batch (the writer then
 * commits the batch's decisions one by one). Every other decision is acknowledged and stored, the
 * refused one is answered with a problem and no decision, nothing of it is stored, and the chain
 * stays intact. {@link BatchIsolationTest} puts the two in one batch deterministically, in process.
 */
@QuarkusIntegrationTest
@WithTestResource(JarUnderTest.class)
class RefusedDecisionIT {
    static final String REFUSED = "refused-by-the-database";
    /** Where @QuarkusIntegrationTest has the jar write its log (quarkus.log.file.path of the launch). */
    static final Path LOG = Path.of("target", "quarkus.log");

    @BeforeAll
    static void admin() {
        JarClient.asAdmin();
    }

    static void exec(String sql) throws Exception {
        try (Connection c = JarClient.database(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static Response post(String operationId) {
        return given().contentType("application/json")
                .body(DecisionApiTest.DELIVERY.replace("\"operationId\":\"t-1\"", "\"operationId\":\"" + operationId + "\""))
                .when().post("/v1/decisions");
    }

    @Test
    void aDecisionTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
        long logFrom = Files.exists(LOG) ? Files.size(LOG) : 0;
        exec("ALTER TABLE decision ADD CONSTRAINT it_refused CHECK (operation_id <> '" + REFUSED + "')");
        boolean shared = false;
        int rounds = 0;
        try {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                while (!shared && rounds < 20) {
                    rounds++;
                    List<Future<Response>> good = new ArrayList<>();
                    for (int i = 0; i < 7; i++) good.add(pool.submit(() -> post("it-batch")));
                    Future<Response> bad = pool.submit(() -> post(REFUSED));
                    for (int i = 0; i < 8; i++) good.add(pool.submit(() -> post("it-batch")));

                    Response refused = bad.get();
                    assertTrue(refused.statusCode() >= 500, "refused decision answered " + refused.statusCode());
                    assertEquals("application/problem+json", refused.contentType().split(";")[0]);
                    assertNull(refused.jsonPath().get("decisionId"), "a decision that was not stored was returned");
                    for (Future<Response> f : good) {
                        Response r = f.get();
                        assertEquals(201, r.statusCode(), "a decision that shared the refused one's batch: " + r.asString());
                        assertEquals(1, JarClient.count("SELECT COUNT(*) FROM decision WHERE id = ?", r.jsonPath().getString("decisionId")));
                    }
                    shared = log(logFrom).contains("was refused");
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            exec("ALTER TABLE decision DROP CONSTRAINT it_refused");
        }
        assertTrue(shared, "in " + rounds + " rounds the refused decision never shared a batch (see " + LOG.toAbsolutePath() + ")");
        assertEquals(0, JarClient.count("SELECT COUNT(*) FROM decision WHERE operation_id = ?", REFUSED));
        given().when().get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        assertEquals(201, post("it-after").statusCode());
    }

    static String log(long from) throws Exception {
        byte[] all = Files.readAllBytes(LOG);
        int start = from <= all.length ? (int) from : 0;   // a new launch may have started the file again
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }
}
