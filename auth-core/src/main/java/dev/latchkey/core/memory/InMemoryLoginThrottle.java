package dev.latchkey.core.memory;

import dev.latchkey.core.port.LoginThrottle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts consecutive failures per key in this process. After {@code maxFailures} in a row a key is
 * blocked for one second, doubling with each further failure up to {@code maxDelay}. Failures fade:
 * a key with no failure for {@code maxDelay} after its last block (or its last failure) starts again
 * from zero. The table is bounded: past {@code maxKeys} the least recently touched key is forgotten
 * (unless tries of it are being checked or waiting), so a spray of random usernames cannot grow
 * memory without end.
 *
 * <p>Tries let through by {@link #attempt} are counted as in flight until they end. A key lets
 * through at once only as many tries as it has failures left before the limit ({@code maxFailures}
 * on a fresh key; one at a time once the limit is reached and the block is over). A try beyond that
 * waits, on a condition of its key signalled whenever a try of the key ends, for at most
 * {@code longestWait}: a success or a release lets it through, failures that block the key answer it
 * at once with the block. A try that has waited {@code longestWait}, or that finds
 * {@code maxWaiting} tries of its key already waiting, is answered with one second.
 */
public final class InMemoryLoginThrottle implements LoginThrottle {

    /**
     * How long a try waits at most for tries of its key being checked: the time of several bcrypt
     * checks at the default cost on a busy server, short enough that a client does not give up first.
     */
    public static final Duration DEFAULT_LONGEST_WAIT = Duration.ofSeconds(5);
    /**
     * Tries of one key that may wait at once: far more than anyone logs in with at the same moment,
     * few enough that a flood on one account holds few request threads.
     */
    public static final int DEFAULT_MAX_WAITING = 64;

    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

    private final int maxFailures;
    private final Duration maxDelay;
    private final long longestWaitNanos;
    private final int maxWaiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Failures> failures;

    /** A throttle whose tries wait at most {@link #DEFAULT_LONGEST_WAIT}, at most {@link #DEFAULT_MAX_WAITING} per key. */
    public InMemoryLoginThrottle(int maxFailures, Duration maxDelay, int maxKeys) {
        this(maxFailures, maxDelay, maxKeys, DEFAULT_LONGEST_WAIT, DEFAULT_MAX_WAITING);
    }

    public InMemoryLoginThrottle(int maxFailures, Duration maxDelay, int maxKeys, Duration longestWait, int maxWaiting) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        if (longestWait.isNegative() || maxWaiting < 0) {
            throw new IllegalArgumentException("longestWait and maxWaiting must not be negative");
        }
        this.maxFailures = maxFailures;
        this.maxDelay = maxDelay;
        this.longestWaitNanos = longestWait.toNanos();
        this.maxWaiting = maxWaiting;
        this.failures = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                // A key with tries in flight or waiting stays: its waiters hold its condition.
                return size() > maxKeys && eldest.getValue().idle();
            }
        };
    }

    @Override
    public Optional<Duration> blockedFor(String key, Instant now) {
        lock.lock();
        try {
            return blocked(failures.get(key), now);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void recordFailure(String key, Instant now) {
        lock.lock();
        try {
            Failures f = current(key, now);
            if (f.inFlight > 0) {
                f.inFlight--;
            }
            f.count++;
            f.lastFailure = now;
            if (f.count >= maxFailures) {
                f.blockedUntil = now.plus(delayAfter(f.count));
            }
            f.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Duration> attempt(String key, Instant now) {
        lock.lock();
        try {
            Failures f = current(key, now);
            long nanosLeft = longestWaitNanos;
            boolean waiting = false;
            try {
                while (true) {
                    Optional<Duration> wait = blocked(f, now);
                    if (wait.isPresent()) {
                        return wait;
                    }
                    resetIfFaded(f, now);
                    if (f.inFlight < Math.max(1, maxFailures - f.count)) {
                        f.inFlight++;
                        return Optional.empty();
                    }
                    if (nanosLeft <= 0 || (!waiting && f.waiting >= maxWaiting)) {
                        return Optional.of(FIRST_DELAY); // the wait would be long
                    }
                    if (!waiting) {
                        f.waiting++;
                        waiting = true;
                    }
                    nanosLeft = f.changed.awaitNanos(nanosLeft);
                }
            } finally {
                if (waiting) {
                    f.waiting--;
                    forgetIfIdle(key, f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(FIRST_DELAY);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void recordSuccess(String key) {
        lock.lock();
        try {
            Failures f = failures.get(key);
            if (f == null) {
                return;
            }
            if (f.inFlight > 0) {
                f.inFlight--;
            }
            f.count = 0;
            f.lastFailure = null;
            f.blockedUntil = null;
            forgetIfIdle(key, f);
            f.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(String key) {
        lock.lock();
        try {
            Failures f = failures.get(key);
            if (f != null && f.inFlight > 0) {
                f.inFlight--;
                forgetIfIdle(key, f);
                f.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forgetKeysStartingWith(String prefix) {
        lock.lock();
        try {
            // Tries in flight keep their count: they still end with a failure, a success or a release.
            new ArrayList<>(failures.entrySet()).stream().filter(e -> e.getKey().startsWith(prefix)).forEach(e -> {
                Failures f = e.getValue();
                f.count = 0;
                f.lastFailure = null;
                f.blockedUntil = null;
                forgetIfIdle(e.getKey(), f);
                f.changed.signalAll();
            });
        } finally {
            lock.unlock();
        }
    }

    /** Tries of {@code key} waiting in {@link #attempt} now; for tests, which must know that one waits. */
    int waiting(String key) {
        lock.lock();
        try {
            Failures f = failures.get(key);
            return f == null ? 0 : f.waiting;
        } finally {
            lock.unlock();
        }
    }

    private static Optional<Duration> blocked(Failures f, Instant now) {
        if (f == null || f.blockedUntil == null || !now.isBefore(f.blockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.blockedUntil));
    }

    /** The key's record, made where it had none and started afresh where its failures have faded. */
    private Failures current(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null) {
            f = new Failures(lock.newCondition());
            failures.put(key, f);
        }
        resetIfFaded(f, now);
        return f;
    }

    private void resetIfFaded(Failures f, Instant now) {
        if (f.faded(now, maxDelay)) {
            f.count = 0;
            f.lastFailure = null;
            f.blockedUntil = null;
        }
    }

    /** A record with nothing to remember, nothing in flight and nobody waiting goes. */
    private void forgetIfIdle(String key, Failures f) {
        if (f.count == 0 && f.idle() && failures.get(key) == f) {
            failures.remove(key);
        }
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
        /** Signalled whenever a try of this key ends, so that its waiting tries look again. */
        final Condition changed;
        int count;
        int inFlight;
        int waiting;
        Instant lastFailure;
        Instant blockedUntil;

        Failures(Condition changed) {
            this.changed = changed;
        }

        boolean idle() {
            return inFlight == 0 && waiting == 0;
        }

        boolean faded(Instant now, Duration quietPeriod) {
            if (lastFailure == null) {
                return false; // nothing has failed yet: only tries in flight
            }
            Instant since = blockedUntil != null && blockedUntil.isAfter(lastFailure) ? blockedUntil : lastFailure;
            return !now.isBefore(since.plus(quietPeriod));
        }
    }
}
