package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How sessions end, whichever use case ends them: stored as ended with a reason, forgotten by the
 * session gate so their tokens stop working at once, and recorded in the audit trail.
 */
final class SessionEnd {

    private final SessionRepository sessions;
    private final SessionGate gate;
    private final AuditLog audit;

    SessionEnd(SessionRepository sessions, SessionGate gate, AuditLog audit) {
        this.sessions = sessions;
        this.gate = gate;
        this.audit = audit;
    }

    /** The session, if it is the user's and active at {@code now}. */
    Optional<Session> activeSession(String userId, String sessionId, Instant now) {
        return sessions.findById(sessionId).filter(s -> s.userId().equals(userId) && s.isActiveAt(now));
    }

    /** Ends one session of the user. @return false when it was not active (nothing is recorded then) */
    boolean one(String userId, String sessionId, Instant now, EndReason reason, ClientInfo client) {
        boolean ended = sessions.end(sessionId, now, reason);
        gate.forget(List.of(sessionId));
        if (ended) {
            audit.record(AuditEvent.sessionEnded(now, userId, sessionId, reason, client));
        }
        return ended;
    }

    /**
     * Ends every active session of the user but {@code keep} (null: all of them). The gate forgets
     * {@code keep} too, as what it remembers of its user may be what just changed.
     *
     * @return the ids of the sessions ended
     */
    List<String> allOf(String userId, String keep, Instant now, EndReason reason, ClientInfo client) {
        List<String> ended = sessions.endAllOfUser(userId, keep, now, reason);
        gate.forget(ended);
        if (keep != null) {
            gate.forget(List.of(keep));
        }
        ended.forEach(id -> audit.record(AuditEvent.sessionEnded(now, userId, id, reason, client)));
        return ended;
    }

    /** Makes the gate read the user of its open sessions afresh, e.g. after the address was verified. */
    void refreshUser(String userId, Instant now) {
        gate.forget(sessions.findActiveByUser(userId, now).stream().map(Session::id).toList());
    }
}
