package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.UserRepository;

import java.time.Duration;
import java.util.Optional;

/** Sends the caller a new verification link, within the account's hourly share of mail. */
public final class ResendVerification {

    private final UserRepository users;
    private final OneTimeLinks links;

    ResendVerification(UserRepository users, OneTimeLinks links) {
        this.users = users;
        this.links = links;
    }

    /**
     * @throws AuthFailure.Throttled     when the account already had its share of mail this hour
     * @throws AuthFailure.TokenRejected when the caller's account is gone or inactive
     */
    public void resend(Caller caller, ClientInfo client) {
        User user = users.findById(caller.userId())
                .filter(User::active)
                .orElseThrow(() -> new AuthFailure.TokenRejected("user not found or inactive"));
        Optional<Duration> wait = links.send(user, OneTimeToken.Purpose.EMAIL_VERIFICATION, client);
        if (wait.isPresent()) {
            throw new AuthFailure.Throttled(PasswordCheck.roundUpToSeconds(wait.get()));
        }
    }
}
