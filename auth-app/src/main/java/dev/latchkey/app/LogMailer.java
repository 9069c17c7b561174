package dev.latchkey.app;

import dev.latchkey.core.domain.MailMessage;
import dev.latchkey.core.port.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AUTH_MAIL=log}, the default, for development: each message, link included, is written to the
 * {@code latchkey.mail} logger instead of being sent. Never use it where the log is read by others
 * than the account owners: the links in it open their accounts.
 */
final class LogMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger("latchkey.mail");

    @Override
    public void send(MailMessage message) {
        log.info("mail to {} (AUTH_MAIL=log: not sent)\nSubject: {}\n\n{}", message.to(), message.subject(), message.text());
    }
}
