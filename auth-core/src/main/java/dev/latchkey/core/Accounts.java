package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.port.PasswordHasher;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The use cases that act on accounts: register, look up the caller, change a password, deactivate. */
public final class Accounts {

    static final String REQUIRED = "This field is required.";

    private final UserRepository users;
    private final SessionRepository sessions;
    private final SessionGate gate;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;

    public Accounts(UserRepository users, SessionRepository sessions, SessionGate gate,
                    PasswordHasher hasher, PasswordPolicy policy, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.gate = gate;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Opens an account.
     *
     * @throws AuthFailure.ValidationFailed with every broken rule, duplicates included
     */
    public User register(Registration registration) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String username = registration.username() == null ? null : Username.normalise(registration.username());
        String email = registration.email() == null ? null : EmailAddress.normalise(registration.email());
        String password = registration.password() == null ? null : PasswordPolicy.normalise(registration.password());

        if (username == null || username.isEmpty()) {
            add(errors, "username", REQUIRED);
        } else {
            Username.problem(username).ifPresent(p -> add(errors, "username", p));
        }
        if (email == null || email.isEmpty()) {
            add(errors, "email", REQUIRED);
        } else {
            EmailAddress.problem(email).ifPresent(p -> add(errors, "email", p));
        }
        if (password == null || password.isEmpty()) {
            add(errors, "password", REQUIRED);
        } else {
            policy.problems(password, username, email).forEach(p -> add(errors, "password", p));
        }
        if (registration.passwordConfirm() == null || registration.passwordConfirm().isEmpty()) {
            add(errors, "password_confirm", REQUIRED);
        } else if (password != null && !password.equals(PasswordPolicy.normalise(registration.passwordConfirm()))) {
            add(errors, "password_confirm", "Password fields didn't match.");
        }
        if (!errors.containsKey("username") && users.findByUsernameKey(Username.keyOf(username)).isPresent()) {
            add(errors, "username", duplicateMessage("username"));
        }
        if (!errors.containsKey("email") && users.findByEmailKey(EmailAddress.keyOf(email)).isPresent()) {
            add(errors, "email", duplicateMessage("email"));
        }
        if (!errors.isEmpty()) {
            throw new AuthFailure.ValidationFailed(errors);
        }

        User user = new User(UUID.randomUUID().toString(), new Username(username), new EmailAddress(email),
                hasher.hash(password), true, now(), null);
        try {
            users.add(user);
        } catch (UserRepository.DuplicateUser race) {
            // Another registration took the name between our check and our insert.
            throw AuthFailure.ValidationFailed.of(race.field(), duplicateMessage(race.field()));
        }
        return user;
    }

    /** The account behind an authenticated request. */
    public User currentUser(Caller caller) {
        return users.findById(caller.userId())
                .filter(User::active)
                .orElseThrow(() -> new AuthFailure.TokenRejected("user not found or inactive"));
    }

    /**
     * Replaces the caller's password and ends every other session of theirs.
     *
     * @throws AuthFailure.ValidationFailed on a wrong old password or a new one that breaks a rule
     */
    public void changePassword(Caller caller, PasswordChange change) {
        User user = currentUser(caller);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (change.oldPassword() == null || change.oldPassword().isEmpty()) {
            add(errors, "old_password", REQUIRED);
        }
        String fresh = change.newPassword() == null ? null : PasswordPolicy.normalise(change.newPassword());
        if (fresh == null || fresh.isEmpty()) {
            add(errors, "new_password", REQUIRED);
        } else {
            policy.problems(fresh, user.username().value(), user.email().value())
                    .forEach(p -> add(errors, "new_password", p));
        }
        if (change.newPasswordConfirm() == null || change.newPasswordConfirm().isEmpty()) {
            add(errors, "new_password_confirm", REQUIRED);
        } else if (fresh != null && !fresh.equals(PasswordPolicy.normalise(change.newPasswordConfirm()))) {
            add(errors, "new_password_confirm", "Password fields didn't match.");
        }
        if (!errors.containsKey("old_password")
                && !hasher.verify(PasswordPolicy.normalise(change.oldPassword()), user.passwordHash())) {
            add(errors, "old_password", "Your old password was entered incorrectly.");
        }
        if (!errors.isEmpty()) {
            throw new AuthFailure.ValidationFailed(errors);
        }
        users.updatePasswordHash(user.id(), hasher.hash(fresh));
        gate.forget(sessions.endAllOfUser(user.id(), caller.sessionId(), now(), EndReason.PASSWORD_CHANGED));
    }

    /**
     * Stops an account from logging in and ends its sessions; its tokens stop working at once here.
     *
     * @return false when there is no such user
     */
    public boolean deactivate(String userId) {
        if (!users.setActive(userId, false)) {
            return false;
        }
        gate.forget(sessions.endAllOfUser(userId, null, now(), EndReason.USER_DEACTIVATED));
        return true;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String duplicateMessage(String field) {
        return "email".equals(field)
                ? "A user with that email already exists."
                : "A user with that username already exists.";
    }

    static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }
}
