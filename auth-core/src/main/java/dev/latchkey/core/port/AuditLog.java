package dev.latchkey.core.port;

import dev.latchkey.core.domain.AuditEvent;

import java.time.Instant;

/**
 * Where audit events are kept. {@link #record} returns once the event is stored, so an answer the
 * use case gives after it means the event is there; a failure to store fails the use case.
 */
public interface AuditLog {

    void record(AuditEvent event);

    /** Deletes events that happened before {@code cutoff}. @return how many */
    int purgeBefore(Instant cutoff);
}
