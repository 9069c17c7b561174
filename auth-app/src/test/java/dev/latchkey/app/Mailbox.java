package dev.latchkey.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A real SMTP server (GreenMail) for end-to-end tests, and what a server sends to it: the messages to
 * one address and the token of their newest link. Keep one in a static field, register its
 * {@link #smtp} as a static extension, then start servers with {@link #serverEnv()}.
 */
final class Mailbox {

    static final Duration BOUND = Duration.ofSeconds(30);
    private static final Pattern LINK_TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]+)");

    final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    /** The settings that make a Latchkey server send its mail here. */
    Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_MAIL", "smtp");
        env.put("AUTH_SMTP_HOST", "127.0.0.1");
        env.put("AUTH_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("AUTH_SMTP_SECURITY", "none");
        env.put("AUTH_MAIL_FROM", "Latchkey <no-reply@latchkey.test>");
        env.put("AUTH_PUBLIC_URL", "https://auth.latchkey.test");
        return env;
    }

    List<MimeMessage> to(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits (with a bound) until {@code address} has {@code count} messages, and answers the newest link's token. */
    String awaitToken(String address, int count) {
        await().atMost(BOUND).until(() -> to(address).size() >= count);
        List<MimeMessage> messages = to(address);
        return tokenIn(messages.get(count - 1));
    }

    static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tokenIn(MimeMessage message) {
        Matcher link = LINK_TOKEN.matcher(text(message));
        if (!link.find()) {
            throw new AssertionError("no link in: " + text(message));
        }
        return link.group(1);
    }
}
