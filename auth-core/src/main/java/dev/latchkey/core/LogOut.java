package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.TokenIssuer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Ends the caller's sessions on request: one (named by its refresh token), or all of them. */
public final class LogOut {

    private final TokenIssuer tokens;
    private final SessionEnd sessionEnd;
    private final AuditLog audit;
    private final Clock clock;

    LogOut(TokenIssuer tokens, SessionEnd sessionEnd, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.sessionEnd = sessionEnd;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Ends the session of the given refresh token, which must be the caller's.
     *
     * @throws AuthFailure.ValidationFailed on {@link Field#REFRESH_TOKEN} when the token is missing,
     *                                      invalid, already ended or someone else's
     */
    public void logOut(Caller caller, String refreshToken, ClientInfo client) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw AuthFailure.ValidationFailed.of(Field.REFRESH_TOKEN, Rule.REQUIRED);
        }
        TokenClaims claims;
        try {
            claims = tokens.verify(refreshToken, TokenType.REFRESH);
        } catch (AuthFailure.TokenRejected e) {
            throw AuthFailure.ValidationFailed.of(Field.REFRESH_TOKEN, Rule.INVALID_TOKEN);
        }
        if (!claims.userId().equals(caller.userId())) {
            throw AuthFailure.ValidationFailed.of(Field.REFRESH_TOKEN, Rule.NOT_THE_CALLERS);
        }
        Instant now = now();
        if (!sessionEnd.one(caller.userId(), claims.sessionId(), now, EndReason.LOGOUT, client)) {
            throw AuthFailure.ValidationFailed.of(Field.REFRESH_TOKEN, Rule.INVALID_TOKEN);
        }
        audit.record(AuditEvent.of(now, AuditEvent.Type.LOGOUT, caller.userId(), claims.sessionId(), client, null));
    }

    /** Ends every session of the caller, the current one included. @return how many were ended */
    public int logOutEverywhere(Caller caller, ClientInfo client) {
        Instant now = now();
        List<String> ended = sessionEnd.allOf(caller.userId(), null, now, EndReason.LOGOUT_ALL, client);
        audit.record(AuditEvent.of(now, AuditEvent.Type.LOGOUT_ALL, caller.userId(), caller.sessionId(), client,
                ended.size() + " session(s) ended"));
        return ended.size();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
