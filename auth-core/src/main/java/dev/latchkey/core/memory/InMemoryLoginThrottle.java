package dev.latchkey.core.memory;

import dev.latchkey.core.port.LoginThrottle;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts consecutive failures per key in this process. After {@code maxFailures} in a row a key is
 * blocked for one second, doubling with each further failure up to {@code maxDelay}. Failures fade:
 * a key with no failure for {@code maxDelay} after its last block (or its last failure) starts again
 * from zero. The table is bounded: past {@code maxKeys} the least recently touched key is forgotten,
 * so a spray of random usernames cannot grow memory without end.
 *
 * <p>Tries let through by {@link #attempt} are counted as in flight until they end. A key that has
 * failed lets through only as many at once as it has failures left before the limit (one at a time
 * once it is at the limit); a key without failures lets through any number.
 */
public final class InMemoryLoginThrottle implements LoginThrottle {

    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

    private final int maxFailures;
    private final Duration maxDelay;
    private final Map<String, Failures> failures;

    public InMemoryLoginThrottle(int maxFailures, Duration maxDelay, int maxKeys) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        this.maxFailures = maxFailures;
        this.maxDelay = maxDelay;
        this.failures = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > maxKeys;
            }
        };
    }

    @Override
    public synchronized Optional<Duration> blockedFor(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.blockedUntil == null || !now.isBefore(f.blockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.blockedUntil));
    }

    @Override
    public synchronized void recordFailure(String key, Instant now) {
        Failures f = current(key, now);
        if (f.inFlight > 0) {
            f.inFlight--;
        }
        f.count++;
        f.lastFailure = now;
        if (f.count >= maxFailures) {
            f.blockedUntil = now.plus(delayAfter(f.count));
        }
    }

    @Override
    public synchronized Optional<Duration> attempt(String key, Instant now) {
        Optional<Duration> wait = blockedFor(key, now);
        if (wait.isPresent()) {
            return wait;
        }
        Failures f = current(key, now);
        if (f.count > 0 && f.inFlight >= Math.max(1, maxFailures - f.count)) {
            return Optional.of(FIRST_DELAY); // the tries being checked could reach the limit
        }
        f.inFlight++;
        return Optional.empty();
    }

    @Override
    public synchronized void recordSuccess(String key) {
        failures.remove(key);
    }

    @Override
    public synchronized void release(String key) {
        Failures f = failures.get(key);
        if (f != null && f.inFlight > 0) {
            f.inFlight--;
            if (f.inFlight == 0 && f.count == 0) {
                failures.remove(key);
            }
        }
    }

    /** The key's record, started afresh where it had none or its failures have faded; tries in flight carry over. */
    private Failures current(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.faded(now, maxDelay)) {
            Failures fresh = new Failures();
            fresh.inFlight = f == null ? 0 : f.inFlight;
            failures.put(key, fresh);
            return fresh;
        }
        return f;
    }

    /** 1 s at the limit, doubling with each failure past it, capped at {@code maxDelay}. */
    Duration delayAfter(int count) {
        int doublings = count - maxFailures;
        if (doublings >= 30) {
            return maxDelay;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private static final class Failures {
        int count;
        int inFlight;
        Instant lastFailure;
        Instant blockedUntil;

        boolean faded(Instant now, Duration quietPeriod) {
            if (lastFailure == null) {
                return false; // nothing has failed yet: only tries in flight
            }
            Instant since = blockedUntil != null && blockedUntil.isAfter(lastFailure) ? blockedUntil : lastFailure;
            return !now.isBefore(since.plus(quietPeriod));
        }
    }
}
