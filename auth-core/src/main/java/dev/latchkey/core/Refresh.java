package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Spends a refresh token for a new pair. A session's refresh token rotates on every refresh, and a
 * spent one presented again ends the session, since only a thief would still hold it.
 */
public final class Refresh {

    private final Authenticate authenticate;
    private final SessionTokens sessions;
    private final SessionEnd sessionEnd;
    private final AuditLog audit;
    private final Clock clock;

    Refresh(Authenticate authenticate, SessionTokens sessions, SessionEnd sessionEnd, AuditLog audit, Clock clock) {
        this.authenticate = authenticate;
        this.sessions = sessions;
        this.sessionEnd = sessionEnd;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Spends the refresh token and answers with a new pair. A spent token presented again ends the
     * whole session; of concurrent refreshes with one token exactly one wins and the session then ends.
     * Within the policy's refresh grace window, the token spent last is the exception: presented again,
     * it is answered with the session's current refresh token, so simultaneous refreshes all succeed.
     *
     * @throws AuthFailure.ValidationFailed on {@link Field#REFRESH_TOKEN} when there is none
     * @throws AuthFailure.TokenRejected    for anything wrong with the token or its session
     */
    public TokenPair refresh(String refreshToken, ClientInfo client) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw AuthFailure.ValidationFailed.of(Field.REFRESH_TOKEN, Rule.REQUIRED);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // The session's owner and the user's state go through the gate, as for access tokens (cached
        // on a server); whether this token is still the one to spend is decided by the row itself.
        TokenClaims claims = authenticate.openSession(refreshToken, TokenType.REFRESH, now);
        Optional<TokenPair> rotated = sessions.rotate(claims, now);
        if (rotated.isPresent()) {
            return rotated.get();
        }
        // Nothing changed: either the session is no longer active, or it is and this token is not
        // its current one, so a spent token came back.
        Session session = sessionEnd.activeSession(claims.userId(), claims.sessionId(), now)
                .orElseThrow(() -> new AuthFailure.TokenRejected("session not active"));
        Optional<TokenPair> replayed = sessions.replayWithinGrace(session, claims.jti(), now);
        if (replayed.isPresent()) {
            return replayed.get();
        }
        audit.record(AuditEvent.of(now, AuditEvent.Type.REFRESH_REUSE, session.userId(), session.id(), client, null));
        sessionEnd.one(session.userId(), session.id(), now, EndReason.REFRESH_REUSE, client);
        throw new AuthFailure.TokenRejected("refresh token reused");
    }
}
