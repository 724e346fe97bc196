package lexgate.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import lexgate.api.DecisionApiTest;
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

/** The decision record is a hash chain: concurrent appends keep it intact, and a row changed with SQL is named. */
@QuarkusTest
class AuditChainTest {

    @Inject
    AgroalDataSource ds;

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
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT response_json FROM decision WHERE id = ?")) {
            q.setString(1, victim);
            ResultSet rs = q.executeQuery();
            rs.next();
            original = rs.getString(1);
        }
        update(victim, original.replace("\"outcome\":\"ALLOW\"", "\"outcome\":\"DENY\""));
        try {
            given().when().get("/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstMismatch.decisionId", equalTo(victim));
        } finally {
            update(victim, original);
        }
        given().when().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    private void update(String id, String json) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE decision SET response_json = ? WHERE id = ?")) {
            u.setString(1, json);
            u.setString(2, id);
            assertEquals(1, u.executeUpdate());
        }
    }
}
