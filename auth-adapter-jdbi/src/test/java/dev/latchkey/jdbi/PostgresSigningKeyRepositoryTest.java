package dev.latchkey.jdbi;

import dev.latchkey.core.port.SigningKeyRepository;
import dev.latchkey.core.port.SigningKeyRepositoryContract;

import org.junit.jupiter.api.AfterEach;

class PostgresSigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    private Database database;

    @Override
    protected SigningKeyRepository newRepository() {
        return new JdbiSigningKeyRepository(database().jdbi());
    }

    private Database database() {
        if (database == null) {
            database = TestDatabases.postgres();
        }
        return database;
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
