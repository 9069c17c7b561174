package dev.latchkey.jdbi;

import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.port.UserRepository;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Accounts in the {@code users} table. */
public final class JdbiUserRepository implements UserRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS =
            "id, username, email, password_hash, active, date_joined, last_login, email_verified";

    private final Jdbi jdbi;
    private final DatabaseGuard guard;

    public JdbiUserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.guard = DatabaseGuard.of(jdbi);
    }

    @Override
    public void add(User user) {
        guard.write(jdbi, h -> {
            try {
                return h.createUpdate("""
                                INSERT INTO users (id, username, username_key, email, email_key, password_hash,
                                                   active, date_joined, last_login, email_verified)
                                VALUES (:id, :username, :usernameKey, :email, :emailKey, :passwordHash,
                                        :active, :dateJoined, :lastLogin, :emailVerified)""")
                        .bind("id", user.id())
                        .bind("username", user.username().value())
                        .bind("usernameKey", user.username().key())
                        .bind("email", user.email().value())
                        .bind("emailKey", user.email().key())
                        .bind("passwordHash", user.passwordHash())
                        .bind("active", user.active())
                        .bind("dateJoined", Timestamps.utc(user.dateJoined()))
                        .bind("lastLogin", Timestamps.utc(user.lastLogin()))
                        .bind("emailVerified", user.emailVerified())
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                throw duplicateOrRethrow(e);
            }
        });
    }

    private static RuntimeException duplicateOrRethrow(UnableToExecuteStatementException e) {
        if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("users_username_key_uq")) {
                return new DuplicateUser("username");
            }
            if (message.contains("users_email_key_uq")) {
                return new DuplicateUser("email");
            }
        }
        return e;
    }

    @Override
    public Optional<User> findById(String id) {
        return findOne("id", id);
    }

    @Override
    public Optional<User> findByUsernameKey(String usernameKey) {
        return findOne("username_key", usernameKey);
    }

    @Override
    public Optional<User> findByEmailKey(String emailKey) {
        return findOne("email_key", emailKey);
    }

    private Optional<User> findOne(String column, String value) {
        // column is one of three constants above, never input.
        return guard.read(jdbi, h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE " + column + " = :value")
                .bind("value", value)
                .map((rs, ctx) -> user(rs))
                .findOne());
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), new Username(rs.getString("username")),
                new EmailAddress(rs.getString("email")), rs.getString("password_hash"), rs.getBoolean("active"),
                Timestamps.instant(rs, "date_joined"), Timestamps.instant(rs, "last_login"),
                rs.getBoolean("email_verified"));
    }

    @Override
    public void recordLogin(String userId, Instant at) {
        guard.write(jdbi, h -> h.createUpdate("UPDATE users SET last_login = :at WHERE id = :id")
                .bind("at", Timestamps.utc(at))
                .bind("id", userId)
                .execute());
    }

    @Override
    public void updatePasswordHash(String userId, String passwordHash) {
        guard.write(jdbi, h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE id = :id")
                .bind("hash", passwordHash)
                .bind("id", userId)
                .execute());
    }

    @Override
    public boolean setActive(String userId, boolean active) {
        return guard.write(jdbi, h -> h.createUpdate("UPDATE users SET active = :active WHERE id = :id")
                .bind("active", active)
                .bind("id", userId)
                .execute()) == 1;
    }

    @Override
    public boolean markEmailVerified(String userId) {
        return guard.write(jdbi, h -> h.createUpdate("UPDATE users SET email_verified = TRUE WHERE id = :id")
                .bind("id", userId)
                .execute()) == 1;
    }
}
