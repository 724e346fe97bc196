package lexgate.testing;

import io.quarkus.arc.Arc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A JDBC connection to the database of the service under test, for tests that also run against the
 * packaged jar (an *IT subclass): in process (@QuarkusTest) the service's own pool; against the jar
 * (@QuarkusIntegrationTest, which has no beans in the test JVM) a connection of the test's own to
 * the database {@link JarUnderTest} gave the jar. So one test body checks the stored record on H2
 * in process, and on H2 and PostgreSQL through the one jar, with no second build.
 */
public final class TestDb {
    private TestDb() {
    }

    /** True in the JVM of the *IT classes, once a jar was started with {@link JarUnderTest}. */
    public static boolean againstJar() {
        return System.getProperty(JarUnderTest.CONNECTED_URL) != null;
    }

    /** A new connection; the caller closes it. */
    public static Connection connection() throws SQLException {
        if (againstJar()) return JarClient.database();
        return Arc.container().instance(DataSource.class).get().getConnection();
    }

    /** Whether the service under test stores on PostgreSQL. */
    public static boolean postgresql() throws SQLException {
        try (Connection c = connection()) {
            return c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        }
    }
}
