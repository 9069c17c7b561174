package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.LoginThrottle;
import dev.latchkey.core.port.PasswordHasher;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The use cases that act on accounts: register, look up the caller, change a password, deactivate. */
public final class Accounts {

    static final String REQUIRED = "This field is required.";

    private final UserRepository users;
    private final SessionRepository sessions;
    private final SessionGate gate;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle passwordChecks;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param passwordChecks counts wrong current passwords on password change, per user: a stolen
     *                       access token must not become a way to guess the password at hashing speed
     */
    public Accounts(UserRepository users, SessionRepository sessions, SessionGate gate,
                    PasswordHasher hasher, PasswordPolicy policy, LoginThrottle passwordChecks,
                    AuditLog audit, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.gate = gate;
        this.hasher = hasher;
        this.policy = policy;
        this.passwordChecks = passwordChecks;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Opens an account for {@code client}, who asked for it.
     *
     * @throws AuthFailure.ValidationFailed with every broken rule, duplicates included
     */
    public User register(Registration registration, ClientInfo client) {
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
        audit.record(AuditEvent.of(user.dateJoined(), AuditEvent.Type.USER_CREATED, user.id(), null, client, null));
        return user;
    }

    /** The account with this username, in any case. */
    public Optional<User> findByUsername(String username) {
        return username == null || username.isBlank()
                ? Optional.empty()
                : users.findByUsernameKey(Username.keyOf(username));
    }

    /**
     * The account behind an authenticated request, as the session gate knows it: on a server that
     * caches, it may be up to the cache's lifetime old (only {@code lastLogin} can change meanwhile).
     */
    public User currentUser(Caller caller) {
        return gate.userOfOpenSession(caller.sessionId(), caller.userId(), now())
                .orElseThrow(() -> new AuthFailure.TokenRejected("session or user not active"));
    }

    private User freshUser(Caller caller) {
        return users.findById(caller.userId())
                .filter(User::active)
                .orElseThrow(() -> new AuthFailure.TokenRejected("user not found or inactive"));
    }

    /**
     * Replaces the caller's password and ends every other session of theirs.
     *
     * @throws AuthFailure.ValidationFailed on a wrong old password or a new one that breaks a rule
     */
    public void changePassword(Caller caller, PasswordChange change, ClientInfo client) {
        User user = freshUser(caller);
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
        if (!errors.containsKey("old_password")) {
            String throttleKey = "password-change:" + user.id();
            Optional<Duration> wait = passwordChecks.attempt(throttleKey, now());
            if (wait.isPresent()) {
                throw new AuthFailure.Throttled(Sessions.roundUpToSeconds(wait.get()));
            }
            boolean matches = passwordChecks.checking(throttleKey,
                    () -> hasher.verify(PasswordPolicy.normalise(change.oldPassword()), user.passwordHash()));
            if (matches) {
                passwordChecks.recordSuccess(throttleKey);
            } else {
                passwordChecks.recordFailure(throttleKey, now());
                add(errors, "old_password", "Your old password was entered incorrectly.");
            }
        }
        if (!errors.isEmpty()) {
            throw new AuthFailure.ValidationFailed(errors);
        }
        users.updatePasswordHash(user.id(), hasher.hash(fresh));
        Instant now = now();
        List<String> ended = endAllOfUser(user.id(), caller.sessionId(), now, EndReason.PASSWORD_CHANGED, client);
        audit.record(AuditEvent.of(now, AuditEvent.Type.PASSWORD_CHANGED, user.id(), caller.sessionId(), client,
                ended.size() + " other session(s) ended"));
        gate.forget(List.of(caller.sessionId())); // its cached user holds the old hash
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
        Instant now = now();
        List<String> ended = endAllOfUser(userId, null, now, EndReason.USER_DEACTIVATED, ClientInfo.unknown());
        audit.record(AuditEvent.of(now, AuditEvent.Type.USER_DEACTIVATED, userId, null, ClientInfo.unknown(),
                ended.size() + " session(s) ended"));
        return true;
    }

    private List<String> endAllOfUser(String userId, String keep, Instant now, EndReason reason, ClientInfo client) {
        List<String> ended = sessions.endAllOfUser(userId, keep, now, reason);
        gate.forget(ended);
        ended.forEach(id -> audit.record(AuditEvent.sessionEnded(now, userId, id, reason, client)));
        return ended;
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
