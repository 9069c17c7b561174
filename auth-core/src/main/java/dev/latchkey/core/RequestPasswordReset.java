package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Someone forgot a password and asks for a reset link. The answer is the same whether the address
 * belongs to an active account, an inactive one or none, and so is its timing: everything that depends
 * on the account (looking it up, the token, the message) happens after the answer, on {@code afterAnswer}.
 */
public final class RequestPasswordReset {

    private final UserRepository users;
    private final OneTimeLinks links;
    private final AuditLog audit;
    private final Executor afterAnswer;
    private final Clock clock;

    /** @param afterAnswer runs the account's part once the request is answered; {@code Runnable::run} in tests */
    RequestPasswordReset(UserRepository users, OneTimeLinks links, AuditLog audit, Executor afterAnswer, Clock clock) {
        this.users = users;
        this.links = links;
        this.audit = audit;
        this.afterAnswer = afterAnswer;
        this.clock = clock;
    }

    /**
     * Accepts a reset request for {@code email}; an active account with that address gets a link,
     * unless it already had its share of mail this hour.
     *
     * @throws AuthFailure.ValidationFailed when the address is missing or not an address
     * @throws AuthFailure.Throttled        when this client address asked too often this hour
     */
    public void request(String email, ClientInfo client) {
        String address = email == null ? null : EmailAddress.normalise(email);
        if (address == null || address.isEmpty()) {
            throw AuthFailure.ValidationFailed.of(Field.EMAIL, Rule.REQUIRED);
        }
        EmailAddress.problem(address).ifPresent(problem -> {
            throw new AuthFailure.ValidationFailed(List.of(problem));
        });
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Duration> wait = links.takeResetRequest(client.ip() == null ? "unknown" : client.ip());
        if (wait.isPresent()) {
            throw new AuthFailure.Throttled(PasswordCheck.roundUpToSeconds(wait.get()));
        }
        String key = EmailAddress.keyOf(address);
        afterAnswer.execute(() -> sendLink(key, client, now));
    }

    private void sendLink(String emailKey, ClientInfo client, Instant at) {
        Optional<User> found = users.findByEmailKey(emailKey);
        String outcome;
        if (found.isEmpty()) {
            outcome = "unknown address";
        } else if (!found.get().active()) {
            outcome = "inactive account";
        } else {
            outcome = links.send(found.get(), OneTimeToken.Purpose.PASSWORD_RESET, client).isPresent()
                    ? "hourly mail limit reached: nothing sent"
                    : "link sent";
        }
        audit.record(AuditEvent.of(at, AuditEvent.Type.PASSWORD_RESET_REQUESTED,
                found.map(User::id).orElse(null), null, client, outcome));
    }
}
