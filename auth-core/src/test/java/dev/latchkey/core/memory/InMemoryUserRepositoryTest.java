package dev.latchkey.core.memory;

import dev.latchkey.core.port.UserRepository;
import dev.latchkey.core.port.UserRepositoryContract;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

    @Override
    protected UserRepository newRepository() {
        return new InMemoryUserRepository();
    }
}
