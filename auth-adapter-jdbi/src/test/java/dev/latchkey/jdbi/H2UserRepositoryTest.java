package dev.latchkey.jdbi;

import dev.latchkey.core.port.UserRepository;
import dev.latchkey.core.port.UserRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2UserRepositoryTest extends UserRepositoryContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.h2();

    @Override
    protected UserRepository newRepository() {
        return new JdbiUserRepository(database.jdbi());
    }
}
