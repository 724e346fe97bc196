package lexgate.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import lexgate.api.DecisionApiTest;
import lexgate.testing.TestDb;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With the database out of reach, a decision is answered 503 and never returned; readiness says
 * so; when the database returns, decisions flow again without a restart and the record is intact.
 */
@QuarkusTest
// Not about authentication: runs as a caller holding every role, recorded as "anonymous".
@io.quarkus.test.security.TestSecurity(user = "anonymous", roles = {"admin", "decide", "review", "author"})
class DatabaseOutageTest {

    @Test
    void poolThatCannotConnectGives503ThenRecovers() throws Exception {
        AgroalDataSource ds = Arc.container().instance(AgroalDataSource.class).get();
        // Hold every connection the pool may give: the service now cannot reach its database.
        java.util.List<java.sql.Connection> held = new java.util.ArrayList<>();
        for (int i = 0; i < ds.getConfiguration().connectionPoolConfiguration().maxSize(); i++) held.add(ds.getConnection());
        try {
            given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                    .then().statusCode(503).contentType("application/problem+json").body("decisionId", equalTo(null));
            given().when().get("/q/health/ready").then().statusCode(503);
        } finally {
            for (java.sql.Connection c : held) c.close();
        }
        given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                .then().statusCode(201);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Active ruleset"));
        given().when().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    /**
     * Only against PostgreSQL (DatabaseOutageIT on the jar re-augmented for it, .ci/run step 2): stop the
     * real server, then start it again.
     */
    @Test
    void stoppedPostgresGives503ThenResumesWithoutRestart() throws Exception {
        Assumptions.assumeTrue(TestDb.postgresql(), "runs against PostgreSQL only");
        String before = given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                .then().statusCode(201).extract().path("decisionId");
        assertEquals(0, sh("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main stop -m fast"));
        try {
            given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions")
                    .then().statusCode(503).body("decisionId", equalTo(null));
            given().when().get("/q/health/ready").then().statusCode(503);
        } finally {
            assertEquals(0, sh("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"));
            for (int i = 0; i < 30 && sh("pg_isready -h 127.0.0.1 -q") != 0; i++) Thread.sleep(500);
        }
        int status = 0;
        for (int i = 0; i < 20 && status != 201; i++) {
            status = given().contentType("application/json").body(DecisionApiTest.DELIVERY).when().post("/v1/decisions").statusCode();
            if (status != 201) Thread.sleep(500);
        }
        assertEquals(201, status, "service resumes without a restart");
        given().when().get("/v1/decisions/" + before).then().statusCode(200);
        given().when().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    private static int sh(String cmd) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", cmd).inheritIO().start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
