package dev.latchkey.jdbi;

import dev.latchkey.core.port.SigningKeyRepository;
import dev.latchkey.core.port.SigningKeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2SigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.h2();

    @Override
    protected SigningKeyRepository newRepository() {
        return new JdbiSigningKeyRepository(database.jdbi());
    }
}
