package dev.latchkey.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Slows down password guessing. Keys name who is guessing at what, e.g. an account key and a client
 * address; the use case decides what to count and when.
 */
public interface LoginThrottle {

    /** How long {@code key} must still wait, if it is blocked at {@code now}. */
    Optional<Duration> blockedFor(String key, Instant now);

    /** A try failed; if {@link #attempt} let it through, it is no longer being checked. */
    void recordFailure(String key, Instant now);

    /**
     * In one atomic step: the wait if {@code key} is blocked at {@code now}, or if {@code key} has
     * failed before and the tries still being checked could, failing too, pass the limit; otherwise
     * counts this try as being checked and answers empty. A key without failures lets any number of
     * tries through at once, so that simultaneous logins with the right password are never refused;
     * once it has failed, simultaneous guesses cannot all pass a check made before any of them had
     * failed. Every try let through ends with {@link #recordFailure}, {@link #recordSuccess} or
     * {@link #release}.
     */
    Optional<Duration> attempt(String key, Instant now);

    /** A try succeeded: the key starts again from no failures. */
    void recordSuccess(String key);

    /**
     * A try let through by {@link #attempt} ended without an answer about the password (hashing was
     * saturated, say): it is no longer being checked, and it is not a failure.
     */
    void release(String key);

    /**
     * Runs the password check of a try that {@link #attempt} let through and answers its result; a
     * check that throws instead of answering releases the try ({@link #release}) and throws on.
     */
    default <T> T checking(String key, Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            release(key);
            throw e;
        }
    }
}
