package dev.latchkey.core.memory;

import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.OneTimeTokenRepository;
import dev.latchkey.core.port.OneTimeTokenRepositoryContract;

class InMemoryOneTimeTokenRepositoryTest extends OneTimeTokenRepositoryContract {

    @Override
    protected OneTimeTokenRepository newRepository(User owner) {
        return new InMemoryOneTimeTokenRepository();
    }
}
