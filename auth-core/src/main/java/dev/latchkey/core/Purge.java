package dev.latchkey.core;

import dev.latchkey.core.port.SessionRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Deletes sessions, one-time links and mail counts that ended or expired, so that storage stays bounded. */
public final class Purge {

    private final SessionRepository sessions;
    private final OneTimeLinks links;
    private final Clock clock;

    Purge(SessionRepository sessions, OneTimeLinks links, Clock clock) {
        this.sessions = sessions;
        this.links = links;
        this.clock = clock;
    }

    /** @return how many sessions were deleted */
    public int sessions() {
        return sessions.purgeBefore(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Deletes expired one-time links, and forgets mail and reset requests older than their hour. @return how many links */
    public int oneTimeLinks() {
        return links.purge();
    }
}
