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

    /**
     * In one atomic step: the wait if {@code key} is blocked at {@code now}; otherwise counts this
     * try as a failure (until {@link #recordSuccess} takes it back) and answers empty. Concurrent
     * tries therefore cannot all pass a check made before any of them was counted.
     */
    Optional<Duration> attempt(String key, Instant now);

    void recordSuccess(String key);
}
