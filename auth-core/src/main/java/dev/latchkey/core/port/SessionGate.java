package dev.latchkey.core.port;

import java.time.Instant;
import java.util.Collection;

/**
 * Answers, on every authenticated request, whether a session may still be used: it is active and
 * its user exists and is active. Implementations may cache; {@link #forget} must take effect at once.
 */
public interface SessionGate {

    boolean isOpen(String sessionId, String userId, Instant now);

    /** Drops what is known of these sessions, after they were ended here. */
    void forget(Collection<String> sessionIds);
}
