package dev.latchkey.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts events per key in a sliding window, e.g. messages sent to one account or reset requests
 * from one client address. Kept where every instance sees the same counts.
 */
public interface RateLimit {

    /**
     * In one step: when {@code key} already had {@code max} events in the {@code window} ending at
     * {@code now}, how long until the oldest of them leaves it (nothing is counted then); otherwise
     * counts one event at {@code now} and answers empty.
     */
    Optional<Duration> take(String key, int max, Duration window, Instant now);

    /** Forgets events before {@code cutoff}. @return how many */
    int purgeBefore(Instant cutoff);
}
