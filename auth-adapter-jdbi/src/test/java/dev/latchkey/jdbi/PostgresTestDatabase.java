package dev.latchkey.jdbi;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throwaway PostgreSQL database on the local server, for tests: made on demand, dropped when the
 * test JVM exits. Without a reachable server, tests that ask for one are skipped with a message,
 * unless LATCHKEY_REQUIRE_POSTGRES=true, which makes them fail instead (CI sets it).
 */
public final class PostgresTestDatabase {

    private static final String SERVER_URL = setting("LATCHKEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = setting("LATCHKEY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = setting("LATCHKEY_TEST_PG_PASSWORD", "");

    private PostgresTestDatabase() {
    }

    /** Settings of a new, empty database; skips (or fails, when required) the test without a server. */
    public static DatabaseSettings create() {
        String name = "latchkey_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            boolean required = "true".equalsIgnoreCase(setting("LATCHKEY_REQUIRE_POSTGRES", "false"));
            String message = "PostgreSQL not reachable at " + SERVER_URL + " (" + e.getMessage() + "): PostgreSQL test skipped";
            if (required) {
                throw new IllegalStateException(message.replace("skipped", "required by LATCHKEY_REQUIRE_POSTGRES"), e);
            }
            System.out.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return new DatabaseSettings(SERVER_URL.substring(0, SERVER_URL.lastIndexOf('/') + 1) + name, USER, PASSWORD, 8);
    }

    private static void drop(String name) {
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'), System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
