package dev.latchkey.jdbi;

import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.SessionRepositoryContract;
import dev.latchkey.core.port.UserRepository;
import org.junit.jupiter.api.AfterEach;

class H2SessionRepositoryTest extends SessionRepositoryContract {

    private Database database;

    @Override
    protected SessionRepository newRepository() {
        return new JdbiSessionRepository(database().jdbi());
    }

    @Override
    protected UserRepository newUserRepository() {
        return new JdbiUserRepository(database().jdbi());
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
