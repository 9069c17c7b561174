package dev.latchkey.core;

import dev.latchkey.core.port.SessionRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Deletes sessions that ended or expired, so that storage stays bounded. */
public final class Purge {

    private final SessionRepository sessions;
    private final Clock clock;

    Purge(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** @return how many sessions were deleted */
    public int sessions() {
        return sessions.purgeBefore(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
