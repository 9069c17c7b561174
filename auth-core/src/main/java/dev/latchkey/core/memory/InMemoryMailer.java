package dev.latchkey.core.memory;

import dev.latchkey.core.domain.MailMessage;
import dev.latchkey.core.port.Mailer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the latest messages instead of sending them: for tests and examples, which read the links
 * back, and the builder's default. Bounded: past {@value #KEPT} messages the oldest is forgotten.
 * Thread-safe.
 */
public final class InMemoryMailer implements Mailer {

    /** Messages kept at most. */
    public static final int KEPT = 1_000;

    private final Deque<MailMessage> sent = new ArrayDeque<>();

    @Override
    public synchronized void send(MailMessage message) {
        if (sent.size() == KEPT) {
            sent.removeFirst();
        }
        sent.addLast(message);
    }

    /** Every message kept, oldest first. */
    public synchronized List<MailMessage> sent() {
        return List.copyOf(sent);
    }

    /** The messages kept that were sent to {@code address}, oldest first. */
    public synchronized List<MailMessage> sentTo(String address) {
        return sent.stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }
}
