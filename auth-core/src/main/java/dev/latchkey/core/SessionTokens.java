package dev.latchkey.core;

import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.SessionPolicy;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.TokenIssuer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions and the token pairs that stand for them: a new session at log-in, the compare-and-set
 * rotation of its refresh token on refresh, and the replay of the token spent last within the grace
 * window. Every time comes from the {@link SessionPolicy}, and no token outlives its session.
 */
final class SessionTokens {

    /** A session just started, and its first pair. */
    record Started(Session session, TokenPair pair) {
    }

    private final SessionRepository sessions;
    private final TokenIssuer tokens;
    private final SessionPolicy policy;

    SessionTokens(SessionRepository sessions, TokenIssuer tokens, SessionPolicy policy) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.policy = policy;
    }

    Started start(User user, ClientInfo client, Instant now) {
        Instant expiresAt = now.plus(policy.sessionMax());
        Session session = new Session(UUID.randomUUID().toString(), user.id(), UUID.randomUUID().toString(),
                now, now, earliest(now.plus(policy.refreshTtl()), expiresAt), expiresAt,
                client.userAgent(), client.ip(), null, null);
        sessions.add(session);
        return new Started(session, pairFor(session, session.refreshJti(), now));
    }

    /**
     * Spends the refresh token of {@code claims} and answers the session's next pair; empty, with
     * nothing changed, when the session is not active or that token is not its current one.
     */
    Optional<TokenPair> rotate(TokenClaims claims, Instant now) {
        String nextJti = UUID.randomUUID().toString();
        return sessions.rotate(claims.sessionId(), claims.jti(), nextJti, now, now.plus(policy.refreshTtl()))
                .map(session -> pairFor(session, nextJti, now));
    }

    /**
     * The session's current pair when {@code jti} is the refresh token it spent last, within the
     * policy's grace window: two tabs refreshing at once, the later one gets the current token, no fork.
     */
    Optional<TokenPair> replayWithinGrace(Session session, String jti, Instant now) {
        return session.spentLastWithin(jti, policy.refreshReuseGrace(), now)
                ? Optional.of(pairFor(session, session.refreshJti(), now))
                : Optional.empty();
    }

    private TokenPair pairFor(Session session, String refreshJti, Instant now) {
        Instant accessExpiresAt = earliest(now.plus(policy.accessTtl()), session.expiresAt());
        String access = tokens.issue(new TokenClaims(TokenType.ACCESS, session.userId(), session.id(),
                UUID.randomUUID().toString(), now, accessExpiresAt));
        String refresh = tokens.issue(new TokenClaims(TokenType.REFRESH, session.userId(), session.id(),
                refreshJti, now, session.refreshExpiresAt()));
        return new TokenPair(access, refresh, Duration.between(now, accessExpiresAt).toSeconds());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
