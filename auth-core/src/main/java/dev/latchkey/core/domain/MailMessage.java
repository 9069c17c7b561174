package dev.latchkey.core.domain;

import java.util.Objects;

/**
 * A plain-text message to one address. It may hold a one-time link: never log its text outside a
 * development mailer.
 *
 * @param userId the account it is about, for the audit trail when it cannot be delivered
 */
public record MailMessage(String userId, String to, String subject, String text) {

    public MailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        // The text holds a token.
        return "MailMessage[userId=" + userId + ", subject=" + subject + "]";
    }
}
