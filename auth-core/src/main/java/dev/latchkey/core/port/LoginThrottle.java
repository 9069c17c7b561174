package dev.latchkey.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing. Keys name who is guessing at what, e.g. an account key and a client
 * address; the use case decides what to count and when.
 */
public interface LoginThrottle {

    /** How long {@code key} must still wait, if it is blocked at {@code now}. */
    Optional<Duration> blockedFor(String key, Instant now);

    void recordFailure(String key, Instant now);

    void recordSuccess(String key);
}
