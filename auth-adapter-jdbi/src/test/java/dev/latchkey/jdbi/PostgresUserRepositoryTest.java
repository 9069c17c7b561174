package dev.latchkey.jdbi;

import dev.latchkey.core.port.UserRepository;
import dev.latchkey.core.port.UserRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUserRepositoryTest extends UserRepositoryContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.postgres();

    @Override
    protected UserRepository newRepository() {
        return new JdbiUserRepository(database.jdbi());
    }
}
