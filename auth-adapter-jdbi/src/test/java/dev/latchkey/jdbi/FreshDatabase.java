package dev.latchkey.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * A fresh, migrated database per test, opened when first asked for and closed after the test.
 * Register it as an instance field: {@code @RegisterExtension final FreshDatabase db = FreshDatabase.h2();}
 */
final class FreshDatabase implements AfterEachCallback {

    private final Supplier<Database> opener;
    private Database database;

    private FreshDatabase(Supplier<Database> opener) {
        this.opener = opener;
    }

    static FreshDatabase h2() {
        return new FreshDatabase(TestDatabases::h2);
    }

    /** Skipped (or failed, when required) without a reachable PostgreSQL server; see PostgresTestDatabase. */
    static FreshDatabase postgres() {
        return new FreshDatabase(TestDatabases::postgres);
    }

    Jdbi jdbi() {
        if (database == null) {
            database = opener.get();
        }
        return database.jdbi();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
    }
}
