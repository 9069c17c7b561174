package dev.latchkey.jdbi;

import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.OneTimeTokenRepository;
import dev.latchkey.core.port.OneTimeTokenRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOneTimeTokenRepositoryTest extends OneTimeTokenRepositoryContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.postgres();

    @Override
    protected OneTimeTokenRepository newRepository(User owner) {
        new JdbiUserRepository(database.jdbi()).add(owner);
        return new JdbiOneTimeTokenRepository(database.jdbi());
    }
}
