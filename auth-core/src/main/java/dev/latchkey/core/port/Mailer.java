package dev.latchkey.core.port;

import dev.latchkey.core.domain.MailMessage;

/**
 * Sends a message to an address. The use cases only say what to send to whom; how (a log line, SMTP)
 * is the adapter's business. {@link #send} must not wait for a mail server: an adapter that talks to
 * one hands the message to a queue and delivers it later, so that no answer waits on mail and no
 * answer's timing tells whether a message went out.
 */
public interface Mailer {

    /** Hands {@code message} over for delivery; never throws because delivery fails. */
    void send(MailMessage message);
}
