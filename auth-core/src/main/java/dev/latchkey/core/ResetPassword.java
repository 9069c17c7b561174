package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.domain.PasswordReset;
import dev.latchkey.core.domain.User;
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

/**
 * A new password through a reset link. The registration rules apply to it; the token is spent only
 * once they hold, and of simultaneous uses of one token exactly one wins. On success every session of
 * the user ends, the account's login throttle forgets its failures, and the address counts as verified
 * (the link reached it).
 */
public final class ResetPassword {

    private final UserRepository users;
    private final OneTimeLinks links;
    private final NewPassword passwords;
    private final PasswordReplacement replacement;
    private final AuditLog audit;
    private final Clock clock;

    ResetPassword(UserRepository users, OneTimeLinks links, NewPassword passwords, PasswordReplacement replacement,
                  AuditLog audit, Clock clock) {
        this.users = users;
        this.links = links;
        this.passwords = passwords;
        this.replacement = replacement;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws AuthFailure.ValidationFailed on {@link Field#TOKEN} when it is missing, unknown, expired or
     *                                      spent, and on the new password and its confirmation by the rules
     */
    public void reset(PasswordReset reset, ClientInfo client) {
        List<Violation> violations = new ArrayList<>();
        Optional<OneTimeToken> token = Optional.empty();
        Optional<User> user = Optional.empty();
        if (reset.token() == null || reset.token().isBlank()) {
            violations.add(Violation.of(Field.TOKEN, Rule.REQUIRED));
        } else {
            token = links.find(reset.token(), OneTimeToken.Purpose.PASSWORD_RESET);
            user = token.flatMap(t -> users.findById(t.userId())).filter(User::active);
            if (user.isEmpty()) {
                violations.add(Violation.of(Field.TOKEN, Rule.INVALID_LINK));
            }
        }
        violations.addAll(passwords.problems(Field.NEW_PASSWORD, reset.newPassword(),
                Field.NEW_PASSWORD_CONFIRM, reset.newPasswordConfirm(),
                user.map(u -> u.username().value()).orElse(null), user.map(u -> u.email().value()).orElse(null)));
        if (!violations.isEmpty()) {
            throw new AuthFailure.ValidationFailed(violations);
        }
        String hash = passwords.hash(reset.newPassword());
        if (!links.spend(token.get())) {
            throw AuthFailure.ValidationFailed.of(Field.TOKEN, Rule.INVALID_LINK); // another use won
        }
        String userId = user.get().id();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> ended = replacement.reset(userId, hash, now, client);
        audit.record(AuditEvent.of(now, AuditEvent.Type.PASSWORD_RESET, userId, null, client,
                ended.size() + " session(s) ended"));
    }
}
