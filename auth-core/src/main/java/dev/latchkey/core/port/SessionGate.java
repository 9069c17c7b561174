package dev.latchkey.core.port;

import dev.latchkey.core.domain.User;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Answers, on every authenticated request, whether a session may still be used: it is active and
 * its user exists and is active. Implementations may cache; {@link #forget} must take effect at once.
 */
public interface SessionGate {

    /** The session's user, if the session is active and belongs to that user, and the user is active. */
    Optional<User> userOfOpenSession(String sessionId, String userId, Instant now);

    default boolean isOpen(String sessionId, String userId, Instant now) {
        return userOfOpenSession(sessionId, userId, now).isPresent();
    }

    /** Drops what is known of these sessions, after they were ended here. */
    void forget(Collection<String> sessionIds);
}
