package dev.latchkey.jdbi;

import java.util.UUID;

/** Fresh, migrated databases for the contract tests: one per test, so tests never see each other's rows. */
final class TestDatabases {

    private TestDatabases() {
    }

    static Database h2() {
        return Database.open(DatabaseSettings.h2InMemory("t" + UUID.randomUUID().toString().replace("-", "")));
    }

    static Database postgres() {
        return Database.open(PostgresTestDatabase.create());
    }
}
