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
     * Spends {@code presentedJti}: only if the session is active at {@code now} and its spendable
     * refresh token id is still {@code presentedJti}, replaces that id with {@code newJti}, keeps
     * {@code presentedJti} as the one spent last, spent at {@code now}, marks the session used at
     * {@code now}, and lets the new refresh token expire at {@code refreshExpiresAt}
     * or at the session's end, whichever comes first. One conditional update: of concurrent
     * refreshes with one token, exactly one wins.
     *
     * @return the session as this call rotated it, or empty when nothing changed
     */
    Optional<Session> rotate(String sessionId, String presentedJti, String newJti, Instant now, Instant refreshExpiresAt);

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
