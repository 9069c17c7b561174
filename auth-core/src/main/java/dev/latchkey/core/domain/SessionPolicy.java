package dev.latchkey.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long tokens and sessions live, and whether a login needs a verified e-mail address.
 *
 * @param refreshReuseGrace    how long after it was spent the refresh token spent last may be presented
 *                             again and answered with the session's current one; zero: never
 * @param requireVerifiedEmail whether a login with the right password on an unverified address is
 *                             refused; off unless asked for
 */
public record SessionPolicy(Duration accessTtl, Duration refreshTtl, Duration sessionMax, Duration refreshReuseGrace,
                            boolean requireVerifiedEmail) {

    public SessionPolicy {
        Objects.requireNonNull(accessTtl, "accessTtl");
        Objects.requireNonNull(refreshTtl, "refreshTtl");
        Objects.requireNonNull(sessionMax, "sessionMax");
        Objects.requireNonNull(refreshReuseGrace, "refreshReuseGrace");
        if (refreshReuseGrace.isNegative()) {
            throw new IllegalArgumentException("refreshReuseGrace must not be negative");
        }
        if (accessTtl.isNegative() || accessTtl.isZero() || refreshTtl.isNegative() || refreshTtl.isZero()
                || sessionMax.isNegative() || sessionMax.isZero()) {
            throw new IllegalArgumentException("lifetimes must be positive");
        }
    }

    /** Any address may log in. */
    public SessionPolicy(Duration accessTtl, Duration refreshTtl, Duration sessionMax, Duration refreshReuseGrace) {
        this(accessTtl, refreshTtl, sessionMax, refreshReuseGrace, false);
    }

    /** Without a refresh grace window: a spent refresh token presented again always ends the session. */
    public SessionPolicy(Duration accessTtl, Duration refreshTtl, Duration sessionMax) {
        this(accessTtl, refreshTtl, sessionMax, Duration.ZERO);
    }

    public SessionPolicy withRefreshReuseGrace(Duration grace) {
        return new SessionPolicy(accessTtl, refreshTtl, sessionMax, grace, requireVerifiedEmail);
    }

    public SessionPolicy requiringVerifiedEmail(boolean required) {
        return new SessionPolicy(accessTtl, refreshTtl, sessionMax, refreshReuseGrace, required);
    }

    public static SessionPolicy defaults() {
        return new SessionPolicy(Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofDays(30));
    }
}
