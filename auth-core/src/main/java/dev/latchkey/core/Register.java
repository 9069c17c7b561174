package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.domain.Violation;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Opens an account: a unique username and e-mail address, and a password the policy accepts. A link
 * to verify the address is mailed to it.
 */
public final class Register {

    private final UserRepository users;
    private final NewPassword passwords;
    private final AuditLog audit;
    private final OneTimeLinks links;
    private final Clock clock;

    Register(UserRepository users, NewPassword passwords, AuditLog audit, OneTimeLinks links, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.links = links;
        this.clock = clock;
    }

    /**
     * Opens an account for {@code client}, who asked for it.
     *
     * @throws AuthFailure.ValidationFailed with every broken rule, duplicates included
     */
    public User register(Registration registration, ClientInfo client) {
        List<Violation> violations = new ArrayList<>();
        String username = registration.username() == null ? null : Username.normalise(registration.username());
        String email = registration.email() == null ? null : EmailAddress.normalise(registration.email());
        if (username == null || username.isEmpty()) {
            violations.add(Violation.of(Field.USERNAME, Rule.REQUIRED));
        } else {
            Username.problem(username).ifPresent(violations::add);
        }
        if (email == null || email.isEmpty()) {
            violations.add(Violation.of(Field.EMAIL, Rule.REQUIRED));
        } else {
            EmailAddress.problem(email).ifPresent(violations::add);
        }
        violations.addAll(passwords.problems(Field.PASSWORD, registration.password(),
                Field.PASSWORD_CONFIRM, registration.passwordConfirm(), username, email));
        if (!broken(violations, Field.USERNAME) && users.findByUsernameKey(Username.keyOf(username)).isPresent()) {
            violations.add(Violation.of(Field.USERNAME, Rule.TAKEN));
        }
        if (!broken(violations, Field.EMAIL) && users.findByEmailKey(EmailAddress.keyOf(email)).isPresent()) {
            violations.add(Violation.of(Field.EMAIL, Rule.TAKEN));
        }
        if (!violations.isEmpty()) {
            throw new AuthFailure.ValidationFailed(violations);
        }

        User user = new User(UUID.randomUUID().toString(), new Username(username), new EmailAddress(email),
                passwords.hash(registration.password()), true, clock.instant().truncatedTo(ChronoUnit.MILLIS), null);
        try {
            users.add(user);
        } catch (UserRepository.DuplicateUser race) {
            // Another registration took the name between our check and our insert.
            throw AuthFailure.ValidationFailed.of("email".equals(race.field()) ? Field.EMAIL : Field.USERNAME, Rule.TAKEN);
        }
        audit.record(AuditEvent.of(user.dateJoined(), AuditEvent.Type.USER_CREATED, user.id(), null, client, null));
        links.send(user, OneTimeToken.Purpose.EMAIL_VERIFICATION, client);
        return user;
    }

    private static boolean broken(List<Violation> violations, Field field) {
        return violations.stream().anyMatch(v -> v.field() == field);
    }
}
