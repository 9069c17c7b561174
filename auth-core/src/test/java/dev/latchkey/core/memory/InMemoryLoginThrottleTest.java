package dev.latchkey.core.memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryLoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    /** Waits for no try in flight: a try beyond those allowed at once is answered at once. */
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle(5, MAX_DELAY, 10_000, Duration.ZERO, 64);
    /** Waits long enough that only a signal, never the bound, ends a wait in these tests. */
    private final InMemoryLoginThrottle patient = new InMemoryLoginThrottle(3, MAX_DELAY, 10_000, Duration.ofMinutes(5), 64);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private void fail(InMemoryLoginThrottle target, String key, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            target.recordFailure(key, at);
        }
    }

    @Test
    void unknownKeyIsNotBlocked() {
        assertThat(throttle.blockedFor("alice|192.0.2.10", T0)).isEmpty();
    }

    @Test
    void fewerFailuresThanTheLimitDoNotBlock() {
        fail(throttle, "k", 4, T0);

        assertThat(throttle.blockedFor("k", T0)).isEmpty();
    }

    @Test
    void failureThatReachesTheLimitBlocksForOneSecond() {
        fail(throttle, "k", 5, T0);

        assertThat(throttle.blockedFor("k", T0)).contains(Duration.ofSeconds(1));
    }

    @Test
    void blockCountsDownAndEnds() {
        fail(throttle, "k", 5, T0);

        assertThat(throttle.blockedFor("k", T0.plusMillis(400))).contains(Duration.ofMillis(600));
        assertThat(throttle.blockedFor("k", T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void delaysDoubleFromOneSecondUpToTheCap() {
        List<Duration> delays = new ArrayList<>();
        fail(throttle, "k", 4, T0);
        for (int failure = 5; failure <= 40; failure++) {
            throttle.recordFailure("k", T0);
            delays.add(throttle.blockedFor("k", T0).orElseThrow());
        }

        assertThat(delays.subList(0, 11)).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(64), Duration.ofSeconds(128),
                Duration.ofSeconds(256), Duration.ofSeconds(512), MAX_DELAY);
        assertThat(delays.subList(11, delays.size())).containsOnly(MAX_DELAY);
    }

    @Test
    void delayStaysCappedAfterVeryManyFailures() {
        fail(throttle, "k", 10_000, T0);

        assertThat(throttle.blockedFor("k", T0)).contains(MAX_DELAY);
    }

    @Test
    void successResetsTheCount() {
        fail(throttle, "k", 5, T0);

        throttle.recordSuccess("k");

        assertThat(throttle.blockedFor("k", T0)).isEmpty();
        fail(throttle, "k", 4, T0);
        assertThat(throttle.blockedFor("k", T0)).isEmpty();
    }

    @Test
    void keysAreCountedApart() {
        fail(throttle, "alice|192.0.2.10", 5, T0);

        assertThat(throttle.blockedFor("alice|198.51.100.7", T0)).isEmpty();
        assertThat(throttle.blockedFor("bob|192.0.2.10", T0)).isEmpty();
    }

    @Test
    void oldestKeysAreForgottenPastTheBound() {
        int maxKeys = 1_000;
        InMemoryLoginThrottle bounded = new InMemoryLoginThrottle(1, MAX_DELAY, maxKeys);

        for (int i = 0; i < maxKeys + 100; i++) {
            bounded.recordFailure("key-" + i, T0);
        }

        for (int i = 0; i < 100; i++) {
            assertThat(bounded.blockedFor("key-" + i, T0)).as("key-%d", i).isEmpty();
        }
        for (int i = 100; i < maxKeys + 100; i++) {
            assertThat(bounded.blockedFor("key-" + i, T0)).as("key-%d", i).isPresent();
        }
    }

    @Test
    void recentlyTouchedKeyIsKeptOverOlderOnes() {
        InMemoryLoginThrottle bounded = new InMemoryLoginThrottle(1, MAX_DELAY, 3);
        bounded.recordFailure("a", T0);
        bounded.recordFailure("b", T0);
        bounded.recordFailure("c", T0);
        bounded.recordFailure("a", T0);

        bounded.recordFailure("d", T0);

        assertThat(bounded.blockedFor("a", T0)).isPresent();
        assertThat(bounded.blockedFor("b", T0)).isEmpty();
    }

    @Test
    void maxFailuresBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryLoginThrottle(0, MAX_DELAY, 10));
    }

    @Test
    void failuresFadeAfterAQuietPeriodPastTheLastBlock() {
        fail(throttle, "k", 5, T0);
        Instant quietAfterBlock = T0.plusSeconds(1).plus(MAX_DELAY);

        throttle.recordFailure("k", quietAfterBlock);

        assertThat(throttle.blockedFor("k", quietAfterBlock)).isEmpty();
    }

    @Test
    void failuresDoNotFadeWhileTheyKeepComing() {
        fail(throttle, "k", 5, T0);
        Instant justBeforeFading = T0.plusSeconds(1).plus(MAX_DELAY).minusMillis(1);

        throttle.recordFailure("k", justBeforeFading);

        assertThat(throttle.blockedFor("k", justBeforeFading)).contains(Duration.ofSeconds(2));
    }

    @Test
    void aFreshKeyLetsThroughAtOnceNoMoreTriesThanTheLimit() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.attempt("k", T0)).as("try %d", i).isEmpty();
        }

        assertThat(throttle.attempt("k", T0)).as("a sixth at once").contains(Duration.ofSeconds(1));
    }

    @Test
    void afterAFailureTheTriesBeingCheckedCountTowardsTheLimit() {
        throttle.recordFailure("k", T0);

        for (int i = 0; i < 4; i++) {
            assertThat(throttle.attempt("k", T0)).as("try %d", i).isEmpty();
        }
        assertThat(throttle.attempt("k", T0)).as("a fifth at once").contains(Duration.ofSeconds(1));

        throttle.recordFailure("k", T0);
        assertThat(throttle.attempt("k", T0)).as("one ended: still four failures possible").contains(Duration.ofSeconds(1));
    }

    @Test
    void atTheLimitOneTryAtATimeOnceTheBlockEnds() {
        fail(throttle, "k", 5, T0);
        Instant blockEnded = T0.plusSeconds(1);

        assertThat(throttle.attempt("k", blockEnded)).isEmpty();
        assertThat(throttle.attempt("k", blockEnded)).contains(Duration.ofSeconds(1));

        throttle.recordFailure("k", blockEnded);
        assertThat(throttle.blockedFor("k", blockEnded)).contains(Duration.ofSeconds(2));
    }

    @Test
    void tryLetThroughAndFailedIsCountedAsAFailure() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.attempt("k", T0)).isEmpty();
            throttle.recordFailure("k", T0);
        }

        assertThat(throttle.attempt("k", T0)).contains(Duration.ofSeconds(1));
    }

    @Test
    void releasedTriesAreNotFailures() {
        throttle.recordFailure("k", T0);
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.attempt("k", T0)).isEmpty();
            throttle.release("k");
        }

        for (int i = 0; i < 4; i++) {
            assertThat(throttle.attempt("k", T0)).as("try %d after releases", i).isEmpty();
        }
        assertThat(throttle.blockedFor("k", T0)).isEmpty();
    }

    @Test
    void successWhileOthersAreBeingCheckedStartsTheKeyAfresh() {
        throttle.recordFailure("k", T0);
        throttle.attempt("k", T0);
        throttle.attempt("k", T0);

        throttle.recordSuccess("k");

        for (int i = 0; i < 4; i++) {
            assertThat(throttle.attempt("k", T0)).as("try %d beside the one still being checked", i).isEmpty();
        }
        assertThat(throttle.attempt("k", T0)).contains(Duration.ofSeconds(1));
    }

    // --- tries beyond those allowed at once wait, on other threads ---

    @Test
    void aTryBeyondTheLimitWaitsAndGoesOnWhenATryInFlightSucceeds() throws Exception {
        fillInFlight(patient, "k", 3);
        Future<Optional<Duration>> waiter = attemptElsewhere(patient, "k");
        awaitWaiting(patient, "k", 1);

        assertThat(waiter).isNotDone();
        patient.recordSuccess("k");

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aTryBeyondTheLimitGoesOnWhenATryInFlightIsReleased() throws Exception {
        fillInFlight(patient, "k", 3);
        Future<Optional<Duration>> waiter = attemptElsewhere(patient, "k");
        awaitWaiting(patient, "k", 1);

        patient.release("k");

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aFailureInFlightCountsAgainstTheWaiterAndARelease() throws Exception {
        fillInFlight(patient, "k", 3);
        Future<Optional<Duration>> waiter = attemptElsewhere(patient, "k");
        awaitWaiting(patient, "k", 1);

        patient.recordFailure("k", T0); // two failures left, two tries still in flight: no room

        assertThat(patient.waiting("k")).isEqualTo(1);
        assertThat(waiter).isNotDone();
        patient.release("k"); // two failures left, one try in flight: room for the waiter
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void waitersAreAnsweredWithTheBlockAtOnceWhenTheTriesInFlightBlockTheKey() throws Exception {
        fillInFlight(patient, "k", 3);
        List<Future<Optional<Duration>>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(attemptElsewhere(patient, "k"));
        }
        awaitWaiting(patient, "k", 5);

        fail(patient, "k", 3, T0);

        for (Future<Optional<Duration>> waiter : waiters) {
            // The bound is five minutes: an answer within the test's timeout came from the block.
            assertThat(waiter.get(30, TimeUnit.SECONDS)).contains(Duration.ofSeconds(1));
        }
        assertThat(patient.waiting("k")).isZero();
    }

    @Test
    void simultaneousTriesWithTheRightPasswordAreAllServedInTurn() throws Exception {
        fillInFlight(patient, "k", 3);
        List<Future<Optional<Duration>>> waiters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Each, once let through, succeeds as a right password does, making room for the next.
            waiters.add(threads.submit(() -> {
                Optional<Duration> wait = patient.attempt("k", T0);
                if (wait.isEmpty()) {
                    patient.recordSuccess("k");
                }
                return wait;
            }));
        }
        awaitWaiting(patient, "k", 6);

        for (int i = 0; i < 3; i++) {
            patient.recordSuccess("k");
        }

        for (Future<Optional<Duration>> waiter : waiters) {
            assertThat(waiter.get(30, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void aTryFindingTooManyWaitingIsAnsweredAtOnce() throws Exception {
        InMemoryLoginThrottle oneWaiter = new InMemoryLoginThrottle(1, MAX_DELAY, 10_000, Duration.ofMinutes(5), 1);
        fillInFlight(oneWaiter, "k", 1);
        Future<Optional<Duration>> waiter = attemptElsewhere(oneWaiter, "k");
        awaitWaiting(oneWaiter, "k", 1);

        assertThat(oneWaiter.attempt("k", T0)).as("a second waiter").contains(Duration.ofSeconds(1));

        oneWaiter.recordSuccess("k");
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aTryThatWaitedTheLongestWaitIsAnsweredWithOneSecond() {
        InMemoryLoginThrottle hasty = new InMemoryLoginThrottle(1, MAX_DELAY, 10_000, Duration.ofMillis(1), 64);
        fillInFlight(hasty, "k", 1);

        assertThat(hasty.attempt("k", T0)).contains(Duration.ofSeconds(1));
        assertThat(hasty.waiting("k")).isZero();
    }

    @Test
    void aKeyWithTriesInFlightIsNotForgottenPastTheBound() {
        InMemoryLoginThrottle bounded = new InMemoryLoginThrottle(1, MAX_DELAY, 2, Duration.ZERO, 64);
        assertThat(bounded.attempt("busy", T0)).isEmpty();

        bounded.recordFailure("a", T0);
        bounded.recordFailure("b", T0);
        bounded.recordFailure("c", T0);

        assertThat(bounded.attempt("busy", T0)).as("still one in flight").contains(Duration.ofSeconds(1));
    }

    private static void fillInFlight(InMemoryLoginThrottle target, String key, int tries) {
        for (int i = 0; i < tries; i++) {
            assertThat(target.attempt(key, T0)).as("try %d in flight", i).isEmpty();
        }
    }

    private Future<Optional<Duration>> attemptElsewhere(InMemoryLoginThrottle target, String key) {
        return threads.submit(() -> target.attempt(key, T0));
    }

    /** Returns once {@code count} tries of {@code key} wait in {@code attempt}; it can be seen no other way. */
    private static void awaitWaiting(InMemoryLoginThrottle target, String key, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (target.waiting(key) < count) {
            assertThat(System.nanoTime()).as("%d tries waiting for %s", count, key).isLessThan(deadline);
            Thread.yield();
        }
    }
}
