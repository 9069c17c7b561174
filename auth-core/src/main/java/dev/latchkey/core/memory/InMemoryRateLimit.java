package dev.latchkey.core.memory;

import dev.latchkey.core.port.RateLimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Counts events per key in this process, for embedders with one instance, tests and examples. Thread-safe. */
public final class InMemoryRateLimit implements RateLimit {

    private final Map<String, Deque<Instant>> events = new HashMap<>();

    @Override
    public synchronized Optional<Duration> take(String key, int max, Duration window, Instant now) {
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant start = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
        if (times.size() >= max) {
            return Optional.of(Duration.between(start, times.peekFirst()));
        }
        times.addLast(now);
        return Optional.empty();
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int[] removed = {0};
        events.values().forEach(times -> {
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.removeFirst();
                removed[0]++;
            }
        });
        events.values().removeIf(Deque::isEmpty);
        return removed[0];
    }
}
