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
     * Lets a try of {@code key} be checked, or answers how long to wait before trying again. Never
     * are more tries of one key being checked at once than it has failures left before the limit, on
     * a key without failures too: simultaneous guesses cannot all pass a check made before any of them
     * had failed. A try beyond that waits for the tries in flight to end: when one succeeds (the key
     * starts afresh) or is released it may go on, so that simultaneous logins with the right password
     * are all served, a little later; when they fail and block the key, it is answered with the block
     * at once. A try whose wait would be long (a bound of the implementation's choosing) is answered
     * with a short wait instead. A try let through is counted as being checked, and ends with
     * {@link #recordFailure}, {@link #recordSuccess} or {@link #release}.
     *
     * @return empty when the try may be checked now; otherwise the wait to tell the client
     */
    Optional<Duration> attempt(String key, Instant now);

    /**
     * A try succeeded: the key starts again from no failures; if {@link #attempt} let it through, it
     * is no longer being checked.
     */
    void recordSuccess(String key);

    /** Forgets the failures of every key that starts with {@code prefix}, e.g. of one account from any address. */
    void forgetKeysStartingWith(String prefix);

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
