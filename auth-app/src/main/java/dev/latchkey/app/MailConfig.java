package dev.latchkey.app;

import dev.latchkey.core.domain.MailPolicy;
import dev.latchkey.mail.SmtpSettings;

import java.time.Duration;
import java.util.Optional;

/**
 * The settings of the mail Latchkey sends (password reset and e-mail verification links), part of
 * {@link Config}: how messages go out, what they link to, how long their tokens live, and the limits.
 *
 * @param smtp present when {@code AUTH_MAIL=smtp}; with {@code log}, each message is written to the log
 */
public record MailConfig(
        Optional<SmtpSettings> smtp,
        String publicUrl,
        MailPolicy policy,
        boolean requireVerifiedEmail) {

    /** How long one SMTP connection, read or write may take before the attempt fails and is retried later. */
    static final Duration SMTP_TIMEOUT = Duration.ofSeconds(20);
}
