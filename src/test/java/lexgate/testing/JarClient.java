package lexgate.testing;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * What an *IT class needs to speak to the started jar as a real client: API keys sent as
 * {@code Authorization: Bearer} (@TestSecurity does not reach another process), and a JDBC
 * connection to the database the jar writes (to tamper with it, or to count rows).
 */
public final class JarClient {
    private JarClient() {
    }

    /**
     * Every request of RestAssured's static API that names no credentials sends the bootstrap admin
     * key (which holds every permission). A filter, not a request specification: a specification
     * built before the extension sets RestAssured's port would keep the default port.
     */
    public static void asAdmin() {
        Filter admin = (req, res, ctx) -> {
            if (!req.getHeaders().hasHeaderWithName("Authorization")) req.header("Authorization", "Bearer " + JarUnderTest.ADMIN_KEY);
            return ctx.next(req, res);
        };
        RestAssured.replaceFiltersWith(List.of(admin));
    }

    /** Requests carry only the credentials a test gives them. */
    public static void withoutDefaultCredentials() {
        RestAssured.replaceFiltersWith(new ArrayList<>());
    }

    /** A new API key with the given roles, created through the admin API. */
    public static String key(String... roles) {
        return given().header("Authorization", "Bearer " + JarUnderTest.ADMIN_KEY).contentType("application/json")
                .body(Map.of("name", "it " + String.join("+", roles), "roles", List.of(roles)))
                .when().post("/v1/keys").then().statusCode(201).extract().path("key");
    }

    /** How the service records the bootstrap admin key as a decision's client ({@code key:<id>}). */
    public static String adminClient() {
        String id = given().header("Authorization", "Bearer " + JarUnderTest.ADMIN_KEY).when().get("/v1/keys")
                .then().statusCode(200).extract().path("find { it.name.startsWith('bootstrap admin') }.id");
        return "key:" + id;
    }

    /** A connection to the database the started jar uses. */
    public static Connection database() throws SQLException {
        String url = System.getProperty(JarUnderTest.CONNECTED_URL);
        if (url == null) throw new IllegalStateException("no jar started with " + JarUnderTest.class.getSimpleName());
        return DriverManager.getConnection(url, System.getProperty("it.db.connected-user"),
                System.getProperty("it.db.connected-password"));
    }

    /** Rows of a count query, read over JDBC. */
    public static long count(String sql, Object... args) throws SQLException {
        try (Connection c = database(); var p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (var rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
