package dev.latchkey.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of the one-time links sent by e-mail: how long each kind lives, how much mail one
 * account may get in an hour, how many resets one client address may ask for in an hour, and the
 * link templates, in which {@code {token}} is replaced by the token.
 */
public record MailPolicy(Duration resetTtl, Duration verifyTtl, int mailsPerAccountPerHour,
                         int resetRequestsPerAddressPerHour, String resetLink, String verifyLink) {

    public static final String TOKEN_PLACEHOLDER = "{token}";

    public MailPolicy {
        Objects.requireNonNull(resetTtl, "resetTtl");
        Objects.requireNonNull(verifyTtl, "verifyTtl");
        if (resetTtl.isNegative() || resetTtl.isZero() || verifyTtl.isNegative() || verifyTtl.isZero()) {
            throw new IllegalArgumentException("lifetimes must be positive");
        }
        if (mailsPerAccountPerHour < 1 || resetRequestsPerAddressPerHour < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        if (!resetLink.contains(TOKEN_PLACEHOLDER) || !verifyLink.contains(TOKEN_PLACEHOLDER)) {
            throw new IllegalArgumentException("link templates must hold " + TOKEN_PLACEHOLDER);
        }
    }

    /** The defaults, with links to the pages a Latchkey server at {@code publicUrl} serves. */
    public static MailPolicy defaults(String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return new MailPolicy(Duration.ofMinutes(30), Duration.ofDays(2), 5, 20,
                base + "/account/reset-password/#token=" + TOKEN_PLACEHOLDER,
                base + "/account/verify-email/#token=" + TOKEN_PLACEHOLDER);
    }

    public Duration ttlOf(OneTimeToken.Purpose purpose) {
        return purpose == OneTimeToken.Purpose.PASSWORD_RESET ? resetTtl : verifyTtl;
    }

    public String linkFor(OneTimeToken.Purpose purpose, String token) {
        return (purpose == OneTimeToken.Purpose.PASSWORD_RESET ? resetLink : verifyLink).replace(TOKEN_PLACEHOLDER, token);
    }
}
