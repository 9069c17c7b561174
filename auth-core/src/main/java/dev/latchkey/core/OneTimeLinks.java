package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.MailMessage;
import dev.latchkey.core.domain.MailPolicy;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.Mailer;
import dev.latchkey.core.port.OneTimeTokenRepository;
import dev.latchkey.core.port.RateLimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one-time links of accounts, sent by e-mail: makes a token, stores its hash, mails the link
 * (within the hourly share of mail of each account), and later finds, spends or revokes it. The use
 * cases of password reset and e-mail verification, and registration, go through here.
 */
final class OneTimeLinks {

    static final Duration HOUR = Duration.ofHours(1);

    private final OneTimeTokenRepository tokens;
    private final RateLimit limits;
    private final Mailer mailer;
    private final MailPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    OneTimeLinks(OneTimeTokenRepository tokens, RateLimit limits, Mailer mailer, MailPolicy policy,
                        AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.limits = limits;
        this.mailer = mailer;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Mails {@code user} a new link for {@code purpose}, unless the account already had its share of
     * mail this hour.
     *
     * @return empty when the message went out; otherwise how long until another may
     */
    Optional<Duration> send(User user, OneTimeToken.Purpose purpose, ClientInfo client) {
        Instant now = now();
        Optional<Duration> wait = limits.take("mail:" + user.id(), policy.mailsPerAccountPerHour(), HOUR, now);
        if (wait.isPresent()) {
            return wait;
        }
        String token = OneTimeToken.newToken();
        Duration ttl = policy.ttlOf(purpose);
        tokens.add(new OneTimeToken(OneTimeToken.hashOf(token), purpose, user.id(), now, now.plus(ttl)));
        mailer.send(message(user, purpose, policy.linkFor(purpose, token), ttl));
        if (purpose == OneTimeToken.Purpose.EMAIL_VERIFICATION) {
            audit.record(AuditEvent.of(now, AuditEvent.Type.EMAIL_VERIFICATION_SENT, user.id(), null, client, null));
        }
        return Optional.empty();
    }

    /**
     * Counts a reset request from {@code clientAddress}, unless it already asked as often as allowed
     * this hour.
     *
     * @return empty when counted; otherwise how long until it may ask again
     */
    Optional<Duration> takeResetRequest(String clientAddress) {
        return limits.take("password-reset:" + clientAddress, policy.resetRequestsPerAddressPerHour(), HOUR, now());
    }

    /** The stored token behind {@code token}, if it is one of {@code purpose} and still usable. */
    Optional<OneTimeToken> find(String token, OneTimeToken.Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > OneTimeToken.MAX_LENGTH) {
            return Optional.empty();
        }
        return tokens.findUsable(OneTimeToken.hashOf(token.strip()), purpose, now());
    }

    /** Spends a token found by {@link #find}: true for exactly one caller. */
    boolean spend(OneTimeToken token) {
        return tokens.spend(token.hash(), token.purpose(), now());
    }

    /** Revokes every link of the user for {@code purpose}, e.g. reset links once the password changed. */
    void revoke(String userId, OneTimeToken.Purpose purpose) {
        tokens.removeAllOfUser(userId, purpose);
    }

    /** Deletes expired tokens and counts that left every window. @return how many tokens */
    int purge() {
        Instant now = now();
        limits.purgeBefore(now.minus(HOUR));
        return tokens.purgeExpired(now);
    }

    private static MailMessage message(User user, OneTimeToken.Purpose purpose, String link, Duration ttl) {
        String name = user.username().value();
        if (purpose == OneTimeToken.Purpose.PASSWORD_RESET) {
            return new MailMessage(user.id(), user.email().value(), "Reset your password", """
                    Hello %s,

                    Someone asked to reset the password of your account. To choose a new password, \
                    open this link within %s:

                    %s

                    If you did not ask for this, ignore this message: your password stays as it is.
                    """.formatted(name, spoken(ttl), link));
        }
        return new MailMessage(user.id(), user.email().value(), "Verify your e-mail address", """
                Hello %s,

                Please confirm that this address is yours by opening this link within %s:

                %s

                If you did not open an account, ignore this message.
                """.formatted(name, spoken(ttl), link));
    }

    /** "30 minutes", "2 days": how a lifetime reads in a message. */
    static String spoken(Duration ttl) {
        long seconds = ttl.toSeconds();
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        } else if (seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        } else if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
