package dev.latchkey.app;

import dev.latchkey.jdbi.DatabaseSettings;
import dev.latchkey.jdbi.PostgresTestDatabase;

import java.util.Map;

/** The same kill -9 checks with the server on a throwaway PostgreSQL database. */
class PostgresDurabilityE2ETest extends DurabilityE2ETest {

    @Override
    protected Map<String, String> databaseEnv() {
        DatabaseSettings db = PostgresTestDatabase.create();
        return Map.of("AUTH_DB_URL", db.url(), "AUTH_DB_USER", db.user(), "AUTH_DB_PASSWORD", db.password());
    }
}
