package dev.latchkey.jdbi;

import dev.latchkey.core.port.UserRepository;
import dev.latchkey.core.port.UserRepositoryContract;

import org.junit.jupiter.api.AfterEach;

class PostgresUserRepositoryTest extends UserRepositoryContract {

    private Database database;

    @Override
    protected UserRepository newRepository() {
        return new JdbiUserRepository(database().jdbi());
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
