package dev.latchkey.core.port;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuditEvent.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.latchkey.core.port.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules every {@link AuditLog} keeps; each adapter's test extends this once. */
public abstract class AuditLogContract {

    protected AuditLog audit;

    protected abstract AuditLog newAuditLog();

    /** The stored events of {@code userId}, oldest first, read back the adapter's own way. */
    protected abstract List<AuditEvent> storedEventsOf(String userId);

    @BeforeEach
    void setUp() {
        audit = newAuditLog();
    }

    private static AuditEvent event(String userId, int secondsAfterT0) {
        return new AuditEvent(T0.plusSeconds(secondsAfterT0), Type.LOGIN_OK, userId, UUID.randomUUID().toString(),
                "192.0.2.10", "curl/8.5", null);
    }

    @Test
    void recordedEventIsStoredWithEveryField() {
        String userId = UUID.randomUUID().toString();
        AuditEvent event = new AuditEvent(T0.plusMillis(123), Type.PASSWORD_CHANGED, userId, UUID.randomUUID().toString(),
                "2001:db8::1", "Mozilla/5.0 (X11; Linux x86_64)", "1 other session(s) ended");

        audit.record(event);

        assertThat(storedEventsOf(userId)).containsExactly(event);
    }

    @Test
    void eventWithoutUserSessionOrClientIsStored() {
        AuditEvent keyRotated = new AuditEvent(T0, Type.KEY_ROTATED, null, null, null, null, "ES256 key k1");
        String userId = UUID.randomUUID().toString();

        audit.record(keyRotated);
        audit.record(event(userId, 1));

        assertThat(storedEventsOf(userId)).hasSize(1);
        assertThat(audit.purgeBefore(T0.plusMillis(1))).isEqualTo(1);
    }

    @Test
    void eventsOfAUserAreKeptInTheOrderTheyHappened() {
        String userId = UUID.randomUUID().toString();
        AuditEvent first = event(userId, 1);
        AuditEvent second = event(userId, 2);

        audit.record(first);
        audit.record(second);
        audit.record(event(UUID.randomUUID().toString(), 3));

        assertThat(storedEventsOf(userId)).containsExactly(first, second);
    }

    @Test
    void purgeDeletesOnlyEventsBeforeTheCutoff() {
        String userId = UUID.randomUUID().toString();
        audit.record(event(userId, 0));
        audit.record(event(userId, 10));
        AuditEvent atCutoff = event(userId, 20);
        AuditEvent after = event(userId, 30);
        audit.record(atCutoff);
        audit.record(after);

        int purged = audit.purgeBefore(T0.plusSeconds(20));

        assertThat(purged).isEqualTo(2);
        assertThat(storedEventsOf(userId)).containsExactly(atCutoff, after);
    }
}
