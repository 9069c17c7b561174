package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.SessionView;
import dev.latchkey.core.port.SessionRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The caller's view of their own sessions: list the active ones, end one of them. */
public final class ManageSessions {

    private final SessionRepository sessions;
    private final SessionEnd sessionEnd;
    private final Clock clock;

    ManageSessions(SessionRepository sessions, SessionEnd sessionEnd, Clock clock) {
        this.sessions = sessions;
        this.sessionEnd = sessionEnd;
        this.clock = clock;
    }

    /** The caller's active sessions, newest first, with the current one marked. */
    public List<SessionView> list(Caller caller) {
        return sessions.findActiveByUser(caller.userId(), now()).stream()
                .map(s -> new SessionView(s, s.id().equals(caller.sessionId())))
                .toList();
    }

    /**
     * Ends one of the caller's active sessions.
     *
     * @throws AuthFailure.NotFound when it is not an active session of the caller
     */
    public void endSession(Caller caller, String sessionId, ClientInfo client) {
        Instant now = now();
        boolean own = sessionEnd.activeSession(caller.userId(), sessionId, now).isPresent();
        if (!own || !sessionEnd.one(caller.userId(), sessionId, now, EndReason.ENDED_BY_USER, client)) {
            throw new AuthFailure.NotFound("No active session with that id.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
