package dev.latchkey.core.memory;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.AuditLogContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;

import static dev.latchkey.core.port.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryAuditLogTest extends AuditLogContract {

    private InMemoryAuditLog log;

    @Override
    protected AuditLog newAuditLog() {
        log = new InMemoryAuditLog();
        return log;
    }

    @Override
    protected List<AuditEvent> storedEventsOf(String userId) {
        return log.events().stream().filter(e -> Objects.equals(e.userId(), userId)).toList();
    }

    @Test
    void pastItsCapacityTheOldestEventIsDropped() {
        InMemoryAuditLog small = new InMemoryAuditLog(2);
        for (int i = 0; i < 3; i++) {
            small.record(new AuditEvent(T0.plusSeconds(i), AuditEvent.Type.LOGIN_OK, "u", null, null, null, null));
        }

        assertThat(small.events()).extracting(AuditEvent::at).containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
    }
}
