package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.Credentials;
import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.SessionPolicy;
import dev.latchkey.core.domain.SessionView;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.LoginThrottle;
import dev.latchkey.core.port.PasswordHasher;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.TokenIssuer;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The use cases that act on sessions: log in, refresh with rotation, verify, authenticate a request,
 * log out, list and end sessions. A session is one login; its refresh token rotates on every refresh
 * and a spent one presented again ends the session, since only a thief would still hold it.
 */
public final class Sessions {

    private static final String INVALID_TOKEN = "Token is invalid or expired";

    private final UserRepository users;
    private final SessionRepository sessions;
    private final SessionGate gate;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottles throttles;
    private final SessionPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private volatile String dummyHash;

    public Sessions(UserRepository users, SessionRepository sessions, SessionGate gate, PasswordHasher hasher,
                    TokenIssuer tokens, LoginThrottles throttles, SessionPolicy policy, AuditLog audit, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.gate = gate;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttles = throttles;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Two throttles for login: failures in a row per account and client address, and failures per
     * client address across all accounts (a cap on spraying many usernames).
     */
    public record LoginThrottles(LoginThrottle perAccountAndAddress, LoginThrottle perAddress) {
    }

    /**
     * Checks the credentials and starts a session.
     *
     * @throws AuthFailure.InvalidCredentials for an unknown user, a wrong password or an inactive account alike
     * @throws AuthFailure.Throttled          after too many failures in a row; no hashing is done then
     */
    public TokenPair logIn(Credentials credentials, ClientInfo client) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        if (credentials.login() == null || credentials.login().isBlank()) {
            Accounts.add(missing, "username", Accounts.REQUIRED);
        }
        if (credentials.password() == null || credentials.password().isEmpty()) {
            Accounts.add(missing, "password", Accounts.REQUIRED);
        }
        if (!missing.isEmpty()) {
            throw new AuthFailure.ValidationFailed(missing);
        }
        Instant now = now();
        String login = credentials.login().strip();
        boolean byEmail = login.indexOf('@') >= 0;
        String lookupKey = byEmail ? EmailAddress.keyOf(login) : Username.keyOf(login);
        Optional<User> found = byEmail ? users.findByEmailKey(lookupKey) : users.findByUsernameKey(lookupKey);
        // Count failures per account, however it is named (username or e-mail, any case).
        String accountKey = found.map(u -> "user:" + u.id()).orElse(lookupKey);
        String address = client.ip() == null ? "unknown" : client.ip();
        String accountThrottleKey = accountKey + '|' + address;
        String knownUserId = found.map(User::id).orElse(null);
        refuseIfThrottled(accountThrottleKey, address, now, knownUserId, client);
        now = now(); // the try may have waited for others: its failure counts, and blocks, from now

        String password = PasswordPolicy.normalise(credentials.password());
        boolean matches = throttles.perAccountAndAddress().checking(accountThrottleKey, () -> {
            if (found.isPresent()) {
                return hasher.verify(password, found.get().passwordHash());
            }
            // An unknown user still costs one verification, so that timing does not tell who has an account.
            hasher.verify(password, dummyHash());
            return false;
        });
        if (!matches || !found.get().active()) {
            throttles.perAccountAndAddress().recordFailure(accountThrottleKey, now);
            throttles.perAddress().recordFailure(address, now);
            // The reason is for operators only; the caller gets the same answer whatever it is.
            String reason = found.isEmpty() ? "unknown user" : !matches ? "wrong password" : "inactive account";
            audit.record(AuditEvent.of(now, AuditEvent.Type.LOGIN_FAILED, knownUserId, null, client, reason));
            throw new AuthFailure.InvalidCredentials();
        }
        throttles.perAccountAndAddress().recordSuccess(accountThrottleKey);

        User user = found.get();
        if (hasher.needsRehash(user.passwordHash())) {
            users.updatePasswordHash(user.id(), hasher.hash(password));
        }
        users.recordLogin(user.id(), now);
        Session session = startSession(user, client, now);
        TokenPair pair = pairFor(session, session.refreshJti(), session.refreshExpiresAt(), now);
        audit.record(AuditEvent.of(now, AuditEvent.Type.LOGIN_OK, user.id(), session.id(), client, null));
        return pair;
    }

    private void refuseIfThrottled(String accountThrottleKey, String address, Instant now, String userId,
                                   ClientInfo client) {
        // attempt() checks and counts the try as being checked in one step (waiting for tries in
        // flight if need be), so that simultaneous guesses cannot slip past the limit; the outcome
        // below ends the try. The address is asked first: a try refused there takes no place.
        Optional<Duration> wait = throttles.perAddress().blockedFor(address, now)
                .or(() -> throttles.perAccountAndAddress().attempt(accountThrottleKey, now));
        if (wait.isPresent()) {
            Duration retryAfter = roundUpToSeconds(wait.get());
            audit.record(AuditEvent.of(now, AuditEvent.Type.LOGIN_THROTTLED, userId, null, client,
                    "retry after " + retryAfter.toSeconds() + " s"));
            throw new AuthFailure.Throttled(retryAfter);
        }
    }

    private Session startSession(User user, ClientInfo client, Instant now) {
        Instant expiresAt = now.plus(policy.sessionMax());
        Session session = new Session(UUID.randomUUID().toString(), user.id(), UUID.randomUUID().toString(),
                now, now, earliest(now.plus(policy.refreshTtl()), expiresAt), expiresAt,
                client.userAgent(), client.ip(), null, null);
        sessions.add(session);
        return session;
    }

    /**
     * Spends the refresh token and answers with a new pair. A spent token presented again ends the
     * whole session; of concurrent refreshes with one token exactly one wins and the session then ends.
     * Within the policy's refresh grace window, the token spent last is the exception: presented again,
     * it is answered with the session's current refresh token, so simultaneous refreshes all succeed.
     *
     * @throws AuthFailure.TokenRejected for anything wrong with the token or its session
     */
    public TokenPair refresh(String refreshToken, ClientInfo client) {
        requirePresent("refresh", refreshToken);
        TokenClaims claims = tokens.verify(refreshToken, TokenType.REFRESH);
        Instant now = now();
        // The session's owner and the user's state go through the gate, as for access tokens (cached
        // on a server); whether this token is still the one to spend is decided by the row itself.
        if (!gate.isOpen(claims.sessionId(), claims.userId(), now)) {
            throw new AuthFailure.TokenRejected("session not active, or user not found or inactive");
        }
        String nextJti = UUID.randomUUID().toString();
        Optional<Session> rotated = sessions.rotate(claims.sessionId(), claims.jti(), nextJti, now,
                now.plus(policy.refreshTtl()));
        if (rotated.isEmpty()) {
            // Nothing changed: either the session is no longer active, or it is and this token is
            // not its current one, so a spent token came back.
            Session session = sessions.findById(claims.sessionId())
                    .filter(s -> s.userId().equals(claims.userId()) && s.isActiveAt(now))
                    .orElseThrow(() -> new AuthFailure.TokenRejected("session not active"));
            if (session.spentLastWithin(claims.jti(), policy.refreshReuseGrace(), now)) {
                // Two tabs refreshing at once: the later one gets the session's current token, no fork.
                return pairFor(session, session.refreshJti(), session.refreshExpiresAt(), now);
            }
            audit.record(AuditEvent.of(now, AuditEvent.Type.REFRESH_REUSE, session.userId(), session.id(), client, null));
            endSession(session.userId(), session.id(), now, EndReason.REFRESH_REUSE, client);
            throw new AuthFailure.TokenRejected("refresh token reused");
        }
        Session session = rotated.get();
        return pairFor(session, nextJti, session.refreshExpiresAt(), now);
    }

    private TokenPair pairFor(Session session, String refreshJti, Instant refreshExpiresAt, Instant now) {
        Instant accessExpiresAt = earliest(now.plus(policy.accessTtl()), session.expiresAt());
        String access = tokens.issue(new TokenClaims(TokenType.ACCESS, session.userId(), session.id(),
                UUID.randomUUID().toString(), now, accessExpiresAt));
        String refresh = tokens.issue(new TokenClaims(TokenType.REFRESH, session.userId(), session.id(),
                refreshJti, now, refreshExpiresAt));
        return new TokenPair(access, refresh, Duration.between(now, accessExpiresAt).toSeconds());
    }

    /**
     * Checks a token of either type as the endpoints would: signature and claims, an active session,
     * an active user, and for a refresh token that it is not spent.
     */
    public TokenClaims verify(String token) {
        requirePresent("token", token);
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
     * The caller behind an access token, if the token holds and its session and user are active.
     *
     * @throws AuthFailure.TokenRejected otherwise
     */
    public Caller authenticate(String accessToken) {
        TokenClaims claims = tokens.verify(accessToken, TokenType.ACCESS);
        if (!gate.isOpen(claims.sessionId(), claims.userId(), now())) {
            throw new AuthFailure.TokenRejected("session not active");
        }
        return new Caller(claims.userId(), claims.sessionId());
    }

    /**
     * Ends the session of the given refresh token, which must be the caller's.
     *
     * @throws AuthFailure.ValidationFailed on field {@code refresh} when the token is missing, invalid,
     *                                      already ended or someone else's
     */
    public void logOut(Caller caller, String refreshToken, ClientInfo client) {
        requirePresent("refresh", refreshToken);
        TokenClaims claims;
        try {
            claims = tokens.verify(refreshToken, TokenType.REFRESH);
        } catch (AuthFailure.TokenRejected e) {
            throw AuthFailure.ValidationFailed.of("refresh", INVALID_TOKEN);
        }
        if (!claims.userId().equals(caller.userId())) {
            throw AuthFailure.ValidationFailed.of("refresh", "Token does not belong to the authenticated user.");
        }
        Instant now = now();
        if (!endSession(caller.userId(), claims.sessionId(), now, EndReason.LOGOUT, client)) {
            throw AuthFailure.ValidationFailed.of("refresh", INVALID_TOKEN);
        }
        audit.record(AuditEvent.of(now, AuditEvent.Type.LOGOUT, caller.userId(), claims.sessionId(), client, null));
    }

    /** Ends every session of the caller, the current one included. @return how many were ended */
    public int logOutEverywhere(Caller caller, ClientInfo client) {
        Instant now = now();
        List<String> ended = sessions.endAllOfUser(caller.userId(), null, now, EndReason.LOGOUT_ALL);
        gate.forget(ended);
        ended.forEach(id -> audit.record(AuditEvent.sessionEnded(now, caller.userId(), id, EndReason.LOGOUT_ALL, client)));
        audit.record(AuditEvent.of(now, AuditEvent.Type.LOGOUT_ALL, caller.userId(), caller.sessionId(), client,
                ended.size() + " session(s) ended"));
        return ended.size();
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
        boolean own = sessions.findById(sessionId)
                .filter(s -> s.userId().equals(caller.userId()) && s.isActiveAt(now))
                .isPresent();
        if (!own || !endSession(caller.userId(), sessionId, now, EndReason.ENDED_BY_USER, client)) {
            throw new AuthFailure.NotFound("No active session with that id.");
        }
    }

    /** Deletes sessions that ended or expired, so storage stays bounded. @return how many */
    public int purge() {
        return sessions.purgeBefore(now());
    }

    private boolean endSession(String userId, String sessionId, Instant now, EndReason reason, ClientInfo client) {
        boolean ended = sessions.end(sessionId, now, reason);
        gate.forget(List.of(sessionId));
        if (ended) {
            audit.record(AuditEvent.sessionEnded(now, userId, sessionId, reason, client));
        }
        return ended;
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash(UUID.randomUUID().toString());
            dummyHash = hash;
        }
        return hash;
    }

    private static void requirePresent(String field, String value) {
        if (value == null || value.isBlank()) {
            throw AuthFailure.ValidationFailed.of(field, Accounts.REQUIRED);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Duration roundUpToSeconds(Duration d) {
        long seconds = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
