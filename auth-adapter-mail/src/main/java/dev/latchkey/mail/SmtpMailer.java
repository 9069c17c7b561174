package dev.latchkey.mail;

import dev.latchkey.core.domain.MailMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Delivers one message over SMTP with Eclipse Angus Mail, waiting for the server: use it behind a
 * {@link QueuedMailer}, never on a request's thread. Messages are UTF-8 {@code text/plain}.
 */
public final class SmtpMailer implements QueuedMailer.Delivery {

    private final SmtpSettings settings;
    private final String protocol;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailer(SmtpSettings settings) {
        this.settings = settings;
        this.protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        // The Message-ID's host part comes from here, rather than from a lookup of the local host name.
        properties.put("mail.from", settings.from());
        properties.put(prefix + "host", settings.host());
        properties.put(prefix + "port", Integer.toString(settings.port()));
        properties.put(prefix + "connectiontimeout", timeout);
        properties.put(prefix + "timeout", timeout);
        properties.put(prefix + "writetimeout", timeout);
        properties.put(prefix + "auth", Boolean.toString(settings.user().isPresent()));
        if (settings.security() != SmtpSettings.Security.NONE) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        this.session = Session.getInstance(properties);
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an address: " + settings.from(), e);
        }
    }

    @Override
    public void deliver(MailMessage message) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
        mime.setSentDate(new Date());
        mime.saveChanges();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(settings.host(), settings.port(), settings.user().orElse(null),
                    settings.password().orElse(null));
            transport.sendMessage(mime, mime.getAllRecipients());
        }
    }
}
