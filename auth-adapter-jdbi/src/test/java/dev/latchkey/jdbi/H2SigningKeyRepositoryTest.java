package dev.latchkey.jdbi;

import dev.latchkey.core.port.SigningKeyRepository;
import dev.latchkey.core.port.SigningKeyRepositoryContract;

import org.junit.jupiter.api.AfterEach;

class H2SigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    private Database database;

    @Override
    protected SigningKeyRepository newRepository() {
        return new JdbiSigningKeyRepository(database().jdbi());
    }

    private Database database() {
        if (database == null) {
            database = TestDatabases.h2();
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
