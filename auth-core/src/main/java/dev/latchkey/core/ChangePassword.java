package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.PasswordPolicy;
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

/**
 * Replaces the caller's password, who must type the current one again, and ends every other session
 * of theirs: whoever else held one of them no longer does, and reset links sent before stop working.
 */
public final class ChangePassword {

    private final UserRepository users;
    private final PasswordCheck passwordCheck;
    private final NewPassword passwords;
    private final PasswordReplacement replacement;
    private final AuditLog audit;
    private final Clock clock;

    ChangePassword(UserRepository users, PasswordCheck passwordCheck, NewPassword passwords,
                   PasswordReplacement replacement,
                   AuditLog audit, Clock clock) {
        this.users = users;
        this.passwordCheck = passwordCheck;
        this.passwords = passwords;
        this.replacement = replacement;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Replaces the caller's password and ends every other session of theirs.
     *
     * @throws AuthFailure.ValidationFailed on a wrong current password or a new one that breaks a rule
     * @throws AuthFailure.Throttled        after too many wrong current passwords in a row
     */
    public void changePassword(Caller caller, PasswordChange change, ClientInfo client) {
        // Read afresh, not through the gate: a cached user may hold an older hash.
        User user = users.findById(caller.userId())
                .filter(User::active)
                .orElseThrow(() -> new AuthFailure.TokenRejected("user not found or inactive"));
        List<Violation> violations = new ArrayList<>();
        boolean oldGiven = change.oldPassword() != null && !change.oldPassword().isEmpty();
        if (!oldGiven) {
            violations.add(Violation.of(Field.OLD_PASSWORD, Rule.REQUIRED));
        }
        violations.addAll(passwords.problems(Field.NEW_PASSWORD, change.newPassword(),
                Field.NEW_PASSWORD_CONFIRM, change.newPasswordConfirm(), user.username().value(), user.email().value()));
        if (oldGiven && !passwordCheck.currentPassword(user, PasswordPolicy.normalise(change.oldPassword()), now())) {
            violations.add(Violation.of(Field.OLD_PASSWORD, Rule.WRONG_PASSWORD));
        }
        if (!violations.isEmpty()) {
            throw new AuthFailure.ValidationFailed(violations);
        }
        Instant now = now();
        // The current session stays; what the gate remembers of it is forgotten, as it holds the old hash.
        // Reset links sent before die with the old password.
        List<String> ended = replacement.changed(user.id(), passwords.hash(change.newPassword()), caller.sessionId(),
                now, client);
        audit.record(AuditEvent.of(now, AuditEvent.Type.PASSWORD_CHANGED, user.id(), caller.sessionId(), client,
                ended.size() + " other session(s) ended"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
