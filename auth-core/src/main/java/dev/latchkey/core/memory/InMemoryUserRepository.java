package dev.latchkey.core.memory;

import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.UserRepository;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Accounts in memory, for embedders, tests and examples. Thread-safe; nothing survives a restart. */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<String, User> byId = new HashMap<>();
    private final Map<String, String> idByUsernameKey = new HashMap<>();
    private final Map<String, String> idByEmailKey = new HashMap<>();

    @Override
    public synchronized void add(User user) {
        if (idByUsernameKey.containsKey(user.username().key())) {
            throw new DuplicateUser("username");
        }
        if (idByEmailKey.containsKey(user.email().key())) {
            throw new DuplicateUser("email");
        }
        byId.put(user.id(), user);
        idByUsernameKey.put(user.username().key(), user.id());
        idByEmailKey.put(user.email().key(), user.id());
    }

    @Override
    public synchronized Optional<User> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByUsernameKey(String usernameKey) {
        return Optional.ofNullable(idByUsernameKey.get(usernameKey)).map(byId::get);
    }

    @Override
    public synchronized Optional<User> findByEmailKey(String emailKey) {
        return Optional.ofNullable(idByEmailKey.get(emailKey)).map(byId::get);
    }

    @Override
    public synchronized void recordLogin(String userId, Instant at) {
        byId.computeIfPresent(userId, (id, user) -> user.withLastLogin(at));
    }

    @Override
    public synchronized void updatePasswordHash(String userId, String passwordHash) {
        byId.computeIfPresent(userId, (id, user) -> user.withPasswordHash(passwordHash));
    }

    @Override
    public synchronized boolean setActive(String userId, boolean active) {
        return byId.computeIfPresent(userId, (id, user) -> user.withActive(active)) != null;
    }

    @Override
    public synchronized boolean markEmailVerified(String userId) {
        return byId.computeIfPresent(userId, (id, user) -> user.withEmailVerified()) != null;
    }
}
