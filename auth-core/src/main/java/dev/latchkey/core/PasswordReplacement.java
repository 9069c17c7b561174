package dev.latchkey.core;

import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.port.UserRepository;

import java.time.Instant;
import java.util.List;

/**
 * What replacing a password does, whichever path replaces it: the new hash is stored, the account's
 * reset links die, and sessions end. After a reset every session ends, the address counts as verified
 * (the link reached it) and the account's failed logins are forgotten.
 */
final class PasswordReplacement {

    private final UserRepository users;
    private final OneTimeLinks links;
    private final SessionEnd sessionEnd;
    private final PasswordCheck passwordCheck;

    PasswordReplacement(UserRepository users, OneTimeLinks links, SessionEnd sessionEnd, PasswordCheck passwordCheck) {
        this.users = users;
        this.links = links;
        this.sessionEnd = sessionEnd;
        this.passwordCheck = passwordCheck;
    }

    /** A change by the logged-in user: every session but {@code keep} ends. @return the ids of those ended */
    List<String> changed(String userId, String hash, String keep, Instant now, ClientInfo client) {
        users.updatePasswordHash(userId, hash);
        links.revoke(userId, OneTimeToken.Purpose.PASSWORD_RESET);
        return sessionEnd.allOf(userId, keep, now, EndReason.PASSWORD_CHANGED, client);
    }

    /** A reset through a link: every session ends. @return the ids of those ended */
    List<String> reset(String userId, String hash, Instant now, ClientInfo client) {
        users.updatePasswordHash(userId, hash);
        users.markEmailVerified(userId);
        links.revoke(userId, OneTimeToken.Purpose.PASSWORD_RESET);
        List<String> ended = sessionEnd.allOf(userId, null, now, EndReason.PASSWORD_RESET, client);
        passwordCheck.forgetLoginFailures(userId);
        return ended;
    }
}
