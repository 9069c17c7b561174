package dev.latchkey.core.port;

import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sessions are kept: one row per login, whatever the number of refreshes. Every change is a
 * conditional update, so that instances sharing the storage agree on one winner.
 */
public interface SessionRepository {

    void add(Session session);

    Optional<Session> findById(String id);

    /** The user's sessions active at {@code now}, newest first. */
    List<Session> findActiveByUser(String userId, Instant now);

    /**
     * Replaces the spendable refresh token id, only if it is still {@code presentedJti} and the
     * session has not ended: the compare-and-set that lets exactly one of concurrent refreshes win.
     *
     * @return true when this call made the change
     */
    boolean rotate(String sessionId, String presentedJti, String newJti, Instant now, Instant refreshExpiresAt);

    /** Ends the session if it has not ended yet. @return true when this call ended it */
    boolean end(String sessionId, Instant now, EndReason reason);

    /**
     * Ends every session of the user that has not ended, except {@code keepSessionId} (may be null).
     *
     * @return the ids of the sessions this call ended
     */
    List<String> endAllOfUser(String userId, String keepSessionId, Instant now, EndReason reason);

    /** Deletes sessions that ended or expired before {@code cutoff}. @return how many */
    int purgeBefore(Instant cutoff);
}
