package dev.latchkey.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account. The password hash never leaves the core through a use case's answer to a client;
 * {@code lastLogin} is null until the first successful login.
 */
public record User(
        String id,
        Username username,
        EmailAddress email,
        String passwordHash,
        boolean active,
        Instant dateJoined,
        Instant lastLogin) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(dateJoined, "dateJoined");
    }

    public Optional<Instant> lastLoginAt() {
        return Optional.ofNullable(lastLogin);
    }

    public User withPasswordHash(String hash) {
        return new User(id, username, email, hash, active, dateJoined, lastLogin);
    }

    public User withLastLogin(Instant at) {
        return new User(id, username, email, passwordHash, active, dateJoined, at);
    }

    public User withActive(boolean isActive) {
        return new User(id, username, email, passwordHash, isActive, dateJoined, lastLogin);
    }

    @Override
    public String toString() {
        // The hash stays out of logs and exception messages.
        return "User[id=" + id + ", username=" + username + ", active=" + active + "]";
    }
}
