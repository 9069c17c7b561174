package dev.latchkey.app;

import dev.latchkey.jdbi.DatabaseSettings;
import dev.latchkey.jdbi.PostgresTestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import java.util.Map;

/**
 * Two instances (two servers in the test JVM: separate caches and key rings) on one throwaway
 * PostgreSQL database, for a class's tests. Without a reachable PostgreSQL each test reports itself
 * skipped with the reason, or fails when LATCHKEY_REQUIRE_POSTGRES=true (see {@link PostgresTestDatabase}).
 */
final class TwoInstancesOnPostgres implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final String sessionCacheTtl;
    private TestServer a;
    private TestServer b;
    private String skipReason;

    /** @param sessionCacheTtl {@code AUTH_SESSION_CACHE_TTL} of both instances */
    TwoInstancesOnPostgres(String sessionCacheTtl) {
        this.sessionCacheTtl = sessionCacheTtl;
    }

    TestServer a() {
        return a;
    }

    TestServer b() {
        return b;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        DatabaseSettings database;
        try {
            database = PostgresTestDatabase.create(); // dropped when the test JVM exits
        } catch (TestAbortedException unreachable) {
            skipReason = unreachable.getMessage();
            return;
        }
        Map<String, String> env = Map.of(
                "AUTH_DB_URL", database.url(),
                "AUTH_DB_USER", database.user(),
                "AUTH_DB_PASSWORD", database.password(),
                "AUTH_SESSION_CACHE_TTL", sessionCacheTtl);
        a = TestServer.start(env);
        b = TestServer.start(env);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (b != null) {
            b.stop();
        }
        if (a != null) {
            a.stop();
        }
    }
}
