package dev.latchkey.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account. The password hash never leaves the core through a use case's answer to a client;
 * {@code lastLogin} is null until the first successful login; {@code emailVerified} says whether a
 * message sent to the address was answered (a verification or reset link used).
 */
public record User(
        String id,
        Username username,
        EmailAddress email,
        String passwordHash,
        boolean active,
        Instant dateJoined,
        Instant lastLogin,
        boolean emailVerified) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(dateJoined, "dateJoined");
    }

    /** An account whose address is not verified yet, as every account is at registration. */
    public User(String id, Username username, EmailAddress email, String passwordHash, boolean active,
                Instant dateJoined, Instant lastLogin) {
        this(id, username, email, passwordHash, active, dateJoined, lastLogin, false);
    }

    public Optional<Instant> lastLoginAt() {
        return Optional.ofNullable(lastLogin);
    }

    public User withPasswordHash(String hash) {
        return new User(id, username, email, hash, active, dateJoined, lastLogin, emailVerified);
    }

    public User withLastLogin(Instant at) {
        return new User(id, username, email, passwordHash, active, dateJoined, at, emailVerified);
    }

    public User withActive(boolean isActive) {
        return new User(id, username, email, passwordHash, isActive, dateJoined, lastLogin, emailVerified);
    }

    public User withEmailVerified() {
        return new User(id, username, email, passwordHash, active, dateJoined, lastLogin, true);
    }

    @Override
    public String toString() {
        // The hash stays out of logs and exception messages.
        return "User[id=" + id + ", username=" + username + ", active=" + active + "]";
    }
}
