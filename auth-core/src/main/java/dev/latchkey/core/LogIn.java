package dev.latchkey.core;

import dev.latchkey.core.PasswordCheck.Outcome;
import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.Credentials;
import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.domain.Violation;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a username (or e-mail address) and password, and starts a session: one login. */
public final class LogIn {

    private final UserRepository users;
    private final PasswordCheck passwordCheck;
    private final SessionTokens sessions;
    private final AuditLog audit;
    private final boolean requireVerifiedEmail;
    private final Clock clock;

    /** @param requireVerifiedEmail whether the right password of an unverified address is refused */
    LogIn(UserRepository users, PasswordCheck passwordCheck, SessionTokens sessions, AuditLog audit,
          boolean requireVerifiedEmail, Clock clock) {
        this.users = users;
        this.passwordCheck = passwordCheck;
        this.sessions = sessions;
        this.audit = audit;
        this.requireVerifiedEmail = requireVerifiedEmail;
        this.clock = clock;
    }

    /**
     * Checks the credentials and starts a session.
     *
     * @throws AuthFailure.InvalidCredentials for an unknown user, a wrong password or an inactive account alike
     * @throws AuthFailure.Throttled          after too many failures in a row; no hashing is done then
     * @throws AuthFailure.EmailNotVerified   for the right password of an unverified address, when a
     *                                        verified one is required; no session starts
     */
    public TokenPair logIn(Credentials credentials, ClientInfo client) {
        requireBoth(credentials);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String login = credentials.login().strip();
        boolean byEmail = login.indexOf('@') >= 0;
        String lookupKey = byEmail ? EmailAddress.keyOf(login) : Username.keyOf(login);
        Optional<User> found = byEmail ? users.findByEmailKey(lookupKey) : users.findByUsernameKey(lookupKey);
        String knownUserId = found.map(User::id).orElse(null);
        // Count failures per account, however it is named (username or e-mail, any case).
        String accountKey = found.map(u -> PasswordCheck.accountKey(u.id())).orElse(lookupKey);
        String address = client.ip() == null ? "unknown" : client.ip();
        String password = PasswordPolicy.normalise(credentials.password());

        Outcome outcome;
        try {
            outcome = passwordCheck.logIn(found, accountKey, address, password, now);
        } catch (AuthFailure.Throttled throttled) {
            audit.record(AuditEvent.of(now, AuditEvent.Type.LOGIN_THROTTLED, knownUserId, null, client,
                    "retry after " + throttled.retryAfter().toSeconds() + " s"));
            throw throttled;
        }
        now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the try may have waited for others
        if (outcome != Outcome.ACCEPTED) {
            // The reason is for operators only; the caller gets the same answer whatever it is.
            audit.record(AuditEvent.of(now, AuditEvent.Type.LOGIN_FAILED, knownUserId, null, client, reason(outcome)));
            throw new AuthFailure.InvalidCredentials();
        }
        User user = found.get();
        if (requireVerifiedEmail && !user.emailVerified()) {
            audit.record(AuditEvent.of(now, AuditEvent.Type.LOGIN_FAILED, user.id(), null, client, "e-mail not verified"));
            throw new AuthFailure.EmailNotVerified();
        }
        passwordCheck.strongerHash(user, password).ifPresent(hash -> users.updatePasswordHash(user.id(), hash));
        users.recordLogin(user.id(), now);
        SessionTokens.Started started = sessions.start(user, client, now);
        audit.record(AuditEvent.of(now, AuditEvent.Type.LOGIN_OK, user.id(), started.session().id(), client, null));
        return started.pair();
    }

    private static void requireBoth(Credentials credentials) {
        List<Violation> missing = new ArrayList<>();
        if (credentials.login() == null || credentials.login().isBlank()) {
            missing.add(Violation.of(Field.LOGIN, Rule.REQUIRED));
        }
        if (credentials.password() == null || credentials.password().isEmpty()) {
            missing.add(Violation.of(Field.PASSWORD, Rule.REQUIRED));
        }
        if (!missing.isEmpty()) {
            throw new AuthFailure.ValidationFailed(missing);
        }
    }

    private static String reason(Outcome outcome) {
        return switch (outcome) {
            case UNKNOWN_ACCOUNT -> "unknown user";
            case WRONG_PASSWORD -> "wrong password";
            case INACTIVE_ACCOUNT -> "inactive account";
            case ACCEPTED -> throw new IllegalArgumentException("accepted");
        };
    }
}
