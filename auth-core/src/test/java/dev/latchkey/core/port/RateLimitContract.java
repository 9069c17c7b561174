package dev.latchkey.core.port;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.latchkey.core.port.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules every {@link RateLimit} keeps; each adapter's test extends this once. */
public abstract class RateLimitContract {

    private static final Duration HOUR = Duration.ofHours(1);

    protected RateLimit limits;

    /** A rate limit over empty storage. */
    protected abstract RateLimit newRateLimit();

    @BeforeEach
    void setUp() {
        limits = newRateLimit();
    }

    @Test
    void letsMaxEventsThroughInTheWindowThenSaysHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.take("k", 3, HOUR, T0.plusSeconds(i * 60L))).isEmpty();
        }

        assertThat(limits.take("k", 3, HOUR, T0.plusSeconds(600))).contains(Duration.ofMinutes(50));
    }

    @Test
    void refusedEventsAreNotCounted() {
        limits.take("k", 1, HOUR, T0);
        limits.take("k", 1, HOUR, T0.plusSeconds(1800));

        assertThat(limits.take("k", 1, HOUR, T0.plus(HOUR).plusMillis(1))).isEmpty();
    }

    @Test
    void keysAreCountedApart() {
        assertThat(limits.take("a", 1, HOUR, T0)).isEmpty();
        assertThat(limits.take("b", 1, HOUR, T0)).isEmpty();
        assertThat(limits.take("a", 1, HOUR, T0)).isPresent();
    }

    @Test
    void purgeForgetsEventsBeforeTheCutoff() {
        limits.take("k", 5, HOUR, T0);
        limits.take("k", 5, HOUR, T0.plusSeconds(10));

        assertThat(limits.purgeBefore(T0.plusSeconds(5))).isEqualTo(1);
    }

    @Test
    void simultaneousTakesNeverPassTheLimit() throws Exception {
        List<Optional<Duration>> waits = Simultaneously.run(8, i -> () -> limits.take("race", 3, HOUR, T0));

        assertThat(waits).filteredOn(Optional::isEmpty).hasSize(3);
    }
}
