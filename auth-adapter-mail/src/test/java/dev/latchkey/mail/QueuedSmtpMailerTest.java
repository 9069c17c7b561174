package dev.latchkey.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.MailMessage;
import dev.latchkey.core.memory.InMemoryAuditLog;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QueuedSmtpMailerTest {

    @RegisterExtension
    static final GreenMailExtension smtpServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final MailMessage MESSAGE = new MailMessage("user-1", "Zoë@example.com", "Réinitialisez 🔑",
            "Open https://auth.example.test/account/reset-password/#token=SECRET-TOKEN within 30 minutes.\n");

    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final List<QueuedMailer> mailers = new ArrayList<>();

    @AfterEach
    void stop() {
        mailers.forEach(m -> m.close(Duration.ZERO));
    }

    private QueuedMailer queued(QueuedMailer.Delivery delivery, int capacity) {
        QueuedMailer mailer = new QueuedMailer(delivery, capacity, 3, Duration.ofMillis(10), audit, Clock.systemUTC());
        mailers.add(mailer);
        return mailer;
    }

    private static SmtpMailer smtp(int port, Duration timeout) {
        return new SmtpMailer(new SmtpSettings("127.0.0.1", port, Optional.empty(), Optional.empty(),
                SmtpSettings.Security.NONE, "Latchkey <no-reply@example.test>", timeout));
    }

    private List<AuditEvent> failures() {
        return audit.events().stream().filter(e -> e.type() == AuditEvent.Type.MAIL_FAILED).toList();
    }

    @Test
    void deliversUtf8PlainTextToTheAddress() throws Exception {
        queued(smtp(smtpServer.getSmtp().getPort(), Duration.ofSeconds(10)), 10).send(MESSAGE);

        assertThat(smtpServer.waitForIncomingEmail(BOUND.toMillis(), 1)).isTrue();
        MimeMessage received = smtpServer.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("Zoë@example.com");
        assertThat(received.getFrom()[0].toString()).contains("no-reply@example.test");
        assertThat(received.getSubject()).isEqualTo("Réinitialisez 🔑");
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(received.getContent().toString()).contains("#token=SECRET-TOKEN");
        assertThat(failures()).isEmpty();
    }

    @Test
    void refusedConnectionIsTriedAgainThenRecordedAsAFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        queued(smtp(closedPort, Duration.ofSeconds(5)), 10).send(MESSAGE);

        await().atMost(BOUND).until(() -> !failures().isEmpty());
        AuditEvent failure = failures().get(0);
        assertThat(failure.userId()).isEqualTo("user-1");
        assertThat(failure.detail()).startsWith("delivery failed after 3 attempt(s)").doesNotContain("SECRET-TOKEN");
    }

    @Test
    void serverThatHangsHoldsUpNoSenderAndEndsAsAFailure() throws Exception {
        try (ServerSocket hanging = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (!hanging.isClosed()) {
                        held.add(hanging.accept()); // accepted, never greeted
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            QueuedMailer mailer = queued(smtp(hanging.getLocalPort(), Duration.ofMillis(300)), 10);

            mailer.send(MESSAGE); // returns at once: the server has not answered anything yet

            assertThat(mailer.pending()).isEqualTo(1);
            assertThat(failures()).isEmpty();
            await().atMost(BOUND).until(() -> !failures().isEmpty());
            assertThat(mailer.pending()).isZero();
        }
    }

    @Test
    void failedAttemptIsTriedAgain() {
        AtomicInteger tries = new AtomicInteger();
        List<MailMessage> delivered = new ArrayList<>();
        queued(message -> {
            if (tries.incrementAndGet() == 1) {
                throw new IOException("server busy");
            }
            synchronized (delivered) {
                delivered.add(message);
            }
        }, 10).send(MESSAGE);

        await().atMost(BOUND).until(() -> {
            synchronized (delivered) {
                return delivered.size() == 1;
            }
        });
        assertThat(tries).hasValue(2);
        assertThat(failures()).isEmpty();
    }

    @Test
    void fullQueueDropsTheMessageAndRecordsIt() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        QueuedMailer mailer = queued(message -> {
            started.countDown();
            stuck.await();
        }, 2);
        try {
            mailer.send(MESSAGE);
            assertThat(started.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            mailer.send(MESSAGE);

            mailer.send(MESSAGE);

            assertThat(failures()).singleElement().extracting(AuditEvent::detail).isEqualTo("mail queue full: message dropped");
            assertThat(mailer.pending()).isEqualTo(2);
        } finally {
            stuck.countDown();
        }
    }
}
