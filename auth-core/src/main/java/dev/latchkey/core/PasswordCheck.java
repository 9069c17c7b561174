package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.LoginThrottle;
import dev.latchkey.core.port.PasswordHasher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one check of a password someone types for an account, at log-in and before a password change:
 * refused while the throttles say so, verified (against a dummy hash when there is no such account,
 * so that timing does not tell who has one), and its outcome counted.
 */
final class PasswordCheck {

    /** How a check ended; only {@link #ACCEPTED} lets the caller in. */
    enum Outcome {
        ACCEPTED, UNKNOWN_ACCOUNT, WRONG_PASSWORD, INACTIVE_ACCOUNT
    }

    private final PasswordHasher hasher;
    private final LoginThrottles throttles;
    private final Clock clock;
    private final String dummyHash;

    PasswordCheck(PasswordHasher hasher, LoginThrottles throttles, Clock clock) {
        this.hasher = hasher;
        this.throttles = throttles;
        this.clock = clock;
        // Made before any login, at the hasher's cost: an unknown user's login, the first one too,
        // costs exactly one verification like any other.
        this.dummyHash = hasher.unknownAccountHash();
        if (hasher.needsRehash(dummyHash)) {
            throw new IllegalArgumentException("the hasher's unknown-account hash is weaker than its real hashes");
        }
    }

    /**
     * A log-in try: counted per account and address, and its failures per address as well.
     *
     * @param account    empty when no account has that name
     * @param accountKey the account however it was named, so that both names count as one
     * @throws AuthFailure.Throttled while either throttle blocks; no hashing is done then
     */
    Outcome logIn(Optional<User> account, String accountKey, String address, String password, Instant now) {
        return check(throttles.perAccountAndAddress(), accountKey + '|' + address, address, account, password, now);
    }

    /**
     * The current password asked again before a change, counted per user.
     *
     * @throws AuthFailure.Throttled after too many wrong ones in a row
     */
    boolean currentPassword(User user, String password, Instant now) {
        return check(throttles.perUserOnPasswordChange(), "password-change:" + user.id(), null,
                Optional.of(user), password, now) == Outcome.ACCEPTED;
    }

    /** A new hash of {@code password} when the stored one was made with weaker settings than today's. */
    Optional<String> strongerHash(User user, String password) {
        return hasher.needsRehash(user.passwordHash()) ? Optional.of(hasher.hash(password)) : Optional.empty();
    }

    /** @param address also blocks the try, and counts its failure, per address across accounts; null for none */
    private Outcome check(LoginThrottle throttle, String key, String address, Optional<User> account,
                          String password, Instant now) {
        // attempt() checks and counts the try as being checked in one step (waiting for tries in
        // flight if need be), so that simultaneous guesses cannot slip past the limit; the outcome
        // below ends the try. The address is asked first: a try refused there takes no place.
        Optional<Duration> wait = (address == null ? Optional.<Duration>empty() : throttles.perAddress().blockedFor(address, now))
                .or(() -> throttle.attempt(key, now));
        if (wait.isPresent()) {
            throw new AuthFailure.Throttled(roundUpToSeconds(wait.get()));
        }
        // The try may have waited for others: its failure counts, and blocks, from when it is checked.
        Instant checked = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = account.map(User::passwordHash).orElse(dummyHash);
        boolean matches = throttle.checking(key, () -> hasher.verify(password, hash)) && account.isPresent();
        Outcome outcome = account.isEmpty() ? Outcome.UNKNOWN_ACCOUNT
                : !matches ? Outcome.WRONG_PASSWORD
                : !account.get().active() ? Outcome.INACTIVE_ACCOUNT
                : Outcome.ACCEPTED;
        if (outcome == Outcome.ACCEPTED) {
            throttle.recordSuccess(key);
        } else {
            throttle.recordFailure(key, checked);
            if (address != null) {
                throttles.perAddress().recordFailure(address, checked);
            }
        }
        return outcome;
    }

    /** The key of an account in the per-account-and-address throttle, before the {@code |address}. */
    static String accountKey(String userId) {
        return "user:" + userId;
    }

    /** Forgets the account's failed logins from every address, e.g. once its password was reset. */
    void forgetLoginFailures(String userId) {
        throttles.perAccountAndAddress().forgetKeysStartingWith(accountKey(userId) + '|');
    }

    static Duration roundUpToSeconds(Duration d) {
        long seconds = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
