package dev.latchkey.core.domain;

import java.time.Duration;
import java.util.Objects;

/** How long tokens and sessions live. */
public record SessionPolicy(Duration accessTtl, Duration refreshTtl, Duration sessionMax) {

    public SessionPolicy {
        Objects.requireNonNull(accessTtl, "accessTtl");
        Objects.requireNonNull(refreshTtl, "refreshTtl");
        Objects.requireNonNull(sessionMax, "sessionMax");
        if (accessTtl.isNegative() || accessTtl.isZero() || refreshTtl.isNegative() || refreshTtl.isZero()
                || sessionMax.isNegative() || sessionMax.isZero()) {
            throw new IllegalArgumentException("lifetimes must be positive");
        }
    }

    public static SessionPolicy defaults() {
        return new SessionPolicy(Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofDays(30));
    }
}
