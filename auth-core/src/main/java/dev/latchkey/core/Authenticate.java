package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.TokenIssuer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Tells who is behind a token: the caller of an access token, or whether any token still holds. A
 * token holds while its signature and claims do and its session and user are active.
 */
public final class Authenticate {

    private final TokenIssuer tokens;
    private final SessionGate gate;
    private final SessionRepository sessions;
    private final Clock clock;

    Authenticate(TokenIssuer tokens, SessionGate gate, SessionRepository sessions, Clock clock) {
        this.tokens = tokens;
        this.gate = gate;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * The caller behind an access token, if the token holds and its session and user are active.
     *
     * @throws AuthFailure.TokenRejected otherwise
     */
    public Caller caller(String accessToken) {
        TokenClaims claims = openSession(accessToken, TokenType.ACCESS, now());
        return new Caller(claims.userId(), claims.sessionId());
    }

    /**
     * Checks a token of either type as the endpoints would: signature and claims, an active session,
     * an active user, and for a refresh token that it is not spent.
     *
     * @throws AuthFailure.ValidationFailed on {@link Field#TOKEN} when there is none
     * @throws AuthFailure.TokenRejected    when it does not hold
     */
    public TokenClaims verify(String token) {
        if (token == null || token.isBlank()) {
            throw AuthFailure.ValidationFailed.of(Field.TOKEN, Rule.REQUIRED);
        }
        TokenClaims claims = tokens.verify(token, null);
        Instant now = now();
        boolean valid = claims.type() == TokenType.ACCESS
                ? gate.isOpen(claims.sessionId(), claims.userId(), now)
                : sessions.findById(claims.sessionId())
                        .filter(s -> s.refreshJti().equals(claims.jti()))
                        .isPresent() && gate.isOpen(claims.sessionId(), claims.userId(), now);
        if (!valid) {
            throw new AuthFailure.TokenRejected("session not active");
        }
        return claims;
    }

    /**
     * The claims of a token of {@code type} whose session and user are active, as the gate knows
     * them (cached on a server); whether a refresh token is still the one to spend is not checked.
     */
    TokenClaims openSession(String token, TokenType type, Instant now) {
        TokenClaims claims = tokens.verify(token, type);
        if (!gate.isOpen(claims.sessionId(), claims.userId(), now)) {
            throw new AuthFailure.TokenRejected("session not active, or user not found or inactive");
        }
        return claims;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
