package dev.latchkey.core.memory;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryLoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle(5, MAX_DELAY, 10_000);

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
    void aKeyWithoutFailuresLetsAnyNumberOfTriesThroughAtOnce() {
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.attempt("k", T0)).as("try %d", i).isEmpty();
        }
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

        for (int i = 0; i < 10; i++) {
            assertThat(throttle.attempt("k", T0)).as("try %d", i).isEmpty();
        }
    }
}
