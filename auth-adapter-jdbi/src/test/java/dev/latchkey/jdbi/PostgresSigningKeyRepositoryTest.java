package dev.latchkey.jdbi;

import dev.latchkey.core.port.SigningKeyRepository;
import dev.latchkey.core.port.SigningKeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.postgres();

    @Override
    protected SigningKeyRepository newRepository() {
        return new JdbiSigningKeyRepository(database.jdbi());
    }
}
