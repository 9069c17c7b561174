package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Marks an address verified when its owner opens the link sent to it; the token is spent. */
public final class VerifyEmail {

    private final UserRepository users;
    private final OneTimeLinks links;
    private final SessionEnd sessionEnd;
    private final AuditLog audit;
    private final Clock clock;

    VerifyEmail(UserRepository users, OneTimeLinks links, SessionEnd sessionEnd, AuditLog audit, Clock clock) {
        this.users = users;
        this.links = links;
        this.sessionEnd = sessionEnd;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @return the account, its address now verified
     * @throws AuthFailure.ValidationFailed on {@link Field#TOKEN} when it is missing, unknown, expired or spent
     */
    public User verify(String token, ClientInfo client) {
        if (token == null || token.isBlank()) {
            throw AuthFailure.ValidationFailed.of(Field.TOKEN, Rule.REQUIRED);
        }
        Optional<OneTimeToken> found = links.find(token, OneTimeToken.Purpose.EMAIL_VERIFICATION);
        Optional<User> user = found.flatMap(t -> users.findById(t.userId())).filter(User::active);
        if (user.isEmpty() || !links.spend(found.get())) {
            throw AuthFailure.ValidationFailed.of(Field.TOKEN, Rule.INVALID_LINK);
        }
        String userId = user.get().id();
        users.markEmailVerified(userId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // Sessions open now read their user afresh: a login policy may depend on the address.
        sessionEnd.refreshUser(userId, now);
        audit.record(AuditEvent.of(now, AuditEvent.Type.EMAIL_VERIFIED, userId, null, client, null));
        return users.findById(userId).orElseGet(() -> user.get().withEmailVerified());
    }
}
