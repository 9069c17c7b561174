package dev.latchkey.core.memory;

import dev.latchkey.core.port.SigningKeyRepository;
import dev.latchkey.core.port.SigningKeyRepositoryContract;

class InMemorySigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    @Override
    protected SigningKeyRepository newRepository() {
        return new InMemorySigningKeyRepository();
    }
}
