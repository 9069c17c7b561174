package dev.latchkey.jdbi;

import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.SessionRepositoryContract;
import dev.latchkey.core.port.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2SessionRepositoryTest extends SessionRepositoryContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.h2();

    @Override
    protected SessionRepository newRepository() {
        return new JdbiSessionRepository(database.jdbi());
    }

    @Override
    protected UserRepository newUserRepository() {
        return new JdbiUserRepository(database.jdbi());
    }
}
