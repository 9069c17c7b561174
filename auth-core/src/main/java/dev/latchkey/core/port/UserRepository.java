package dev.latchkey.core.port;

import dev.latchkey.core.domain.User;

import java.time.Instant;
import java.util.Optional;

/** Where accounts are kept. Usernames and e-mail addresses are unique by their case-folded keys. */
public interface UserRepository {

    /**
     * Stores a new account.
     *
     * @throws DuplicateUser when the username key or e-mail key is taken, also under a race
     */
    void add(User user);

    Optional<User> findById(String id);

    /** Looks up by {@code Username.key()}. */
    Optional<User> findByUsernameKey(String usernameKey);

    /** Looks up by {@code EmailAddress.key()}. */
    Optional<User> findByEmailKey(String emailKey);

    void recordLogin(String userId, Instant at);

    void updatePasswordHash(String userId, String passwordHash);

    /** @return false when there is no such user */
    boolean setActive(String userId, boolean active);

    /** Records that the account's address is proven to be its owner's. @return false when there is no such user */
    boolean markEmailVerified(String userId);

    /** Thrown by {@link #add} when a unique key is taken; {@code field} is "username" or "email". */
    final class DuplicateUser extends RuntimeException {
        private final String field;

        public DuplicateUser(String field) {
            super("duplicate " + field, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
