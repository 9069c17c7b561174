package dev.latchkey.core.memory;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.port.AuditLog;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Audit events in memory, for embedders, tests and examples. Thread-safe and bounded: past
 * {@code capacity} events the oldest is dropped, so a long-running embedder does not grow without end.
 */
public final class InMemoryAuditLog implements AuditLog {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Deque<AuditEvent> events = new ArrayDeque<>();

    public InMemoryAuditLog() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryAuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(AuditEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int before = events.size();
        events.removeIf(e -> e.at().isBefore(cutoff));
        return before - events.size();
    }

    /** Every kept event, oldest first. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
