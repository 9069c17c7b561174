package dev.latchkey.mail;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.MailMessage;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mail port off the request path: {@link #send} only puts the message in a bounded queue, and
 * one thread of its own delivers it, trying again after a failure (waiting twice as long each time)
 * up to a number of attempts. A message that cannot be delivered, or finds the queue full, is logged
 * and recorded as a {@code MAIL_FAILED} audit event; the request that caused it was answered long ago.
 * Nothing here ever logs a message's text, which holds a one-time link.
 */
public final class QueuedMailer implements Mailer, AutoCloseable {

    /** Delivers one message now, waiting for the server; throws when it could not. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(MailMessage message) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(QueuedMailer.class);

    private final Delivery delivery;
    private final int capacity;
    private final int attempts;
    private final Duration firstRetry;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "latchkey-mail");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param capacity   messages waiting or being delivered at most; more are dropped
     * @param attempts   deliveries tried per message before it is given up
     * @param firstRetry the wait after the first failure, doubled after each further one
     */
    public QueuedMailer(Delivery delivery, int capacity, int attempts, Duration firstRetry, AuditLog audit, Clock clock) {
        this.delivery = delivery;
        this.capacity = capacity;
        this.attempts = attempts;
        this.firstRetry = firstRetry;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void send(MailMessage message) {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            giveUp(message, "mail queue full: message dropped");
            return;
        }
        try {
            worker.execute(() -> attempt(message, 1));
        } catch (RejectedExecutionException stopping) {
            pending.decrementAndGet();
            giveUp(message, "mailer stopped: message dropped");
        }
    }

    private void attempt(MailMessage message, int attempt) {
        try {
            delivery.deliver(message);
            pending.decrementAndGet();
        } catch (Exception e) {
            String why = e.getClass().getSimpleName();
            if (attempt >= attempts) {
                pending.decrementAndGet();
                giveUp(message, "delivery failed after " + attempt + " attempt(s): " + why);
                return;
            }
            Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
            log.warn("mail to user {} not delivered (attempt {} of {}, {}: {}); trying again in {} ms",
                    message.userId(), attempt, attempts, why, e.getMessage(), wait.toMillis());
            try {
                worker.schedule(() -> attempt(message, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                pending.decrementAndGet();
                giveUp(message, "mailer stopped before a retry: " + why);
            }
        }
    }

    private void giveUp(MailMessage message, String detail) {
        log.error("mail to user {} not delivered: {}", message.userId(), detail);
        try {
            audit.record(new AuditEvent(clock.instant(), AuditEvent.Type.MAIL_FAILED, message.userId(), null, null,
                    null, detail));
        } catch (RuntimeException e) {
            log.error("could not record the mail failure of user {}", message.userId(), e);
        }
    }

    /** Messages waiting or being delivered. */
    public int pending() {
        return pending.get();
    }

    /** Stops taking messages, and gives those queued up to {@code grace} to go out. */
    public void close(Duration grace) {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
