package dev.latchkey.core.memory;

import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.SessionRepositoryContract;
import dev.latchkey.core.port.UserRepository;

class InMemorySessionRepositoryTest extends SessionRepositoryContract {

    @Override
    protected SessionRepository newRepository() {
        return new InMemorySessionRepository();
    }

    @Override
    protected UserRepository newUserRepository() {
        return new InMemoryUserRepository();
    }
}
