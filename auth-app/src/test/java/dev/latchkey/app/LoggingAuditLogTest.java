package dev.latchkey.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuditEvent.Type;
import dev.latchkey.core.memory.InMemoryAuditLog;
import dev.latchkey.core.port.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

class LoggingAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    private final Logger auditLogger = (Logger) LoggerFactory.getLogger("latchkey.audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final InMemoryAuditLog stored = new InMemoryAuditLog();

    LoggingAuditLogTest() {
        lines.start();
        auditLogger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        auditLogger.detachAppender(lines);
    }

    private static Map<String, Object> fields(ILoggingEvent line) {
        return line.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
    }

    @Test
    void eventIsStoredThenWrittenAsOneLineOfKeyValuePairs() {
        AuditEvent event = new AuditEvent(T0, Type.LOGIN_OK, "u1", "s1", "192.0.2.10", "curl/8.5", null);

        new LoggingAuditLog(stored).record(event);

        assertThat(stored.events()).containsExactly(event);
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getMessage()).isEqualTo("audit");
            assertThat(fields(line)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "at", "2026-03-01T10:00:00.123Z", "type", "LOGIN_OK", "user_id", "u1", "session_id", "s1",
                    "ip", "192.0.2.10", "user_agent", "curl/8.5"));
        });
    }

    @Test
    void fieldsAnEventDoesNotHaveAreLeftOut() {
        new LoggingAuditLog(stored).record(new AuditEvent(T0, Type.KEY_ROTATED, null, null, null, null, "ES256 key k1"));

        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getKeyValuePairs()).extracting(kv -> kv.key).containsExactly("at", "type", "detail");
    }

    @Test
    void anEventThatFailedToStoreIsNotLogged() {
        AuditLog broken = mock(AuditLog.class);
        doThrow(new IllegalStateException("down")).when(broken).record(any());

        assertThatThrownBy(() -> new LoggingAuditLog(broken).record(new AuditEvent(T0, Type.LOGIN_OK, "u1", null, null, null, null)))
                .hasMessage("down");

        assertThat(lines.list).isEmpty();
    }

    @Test
    void purgeIsPassedOn() {
        stored.record(new AuditEvent(T0, Type.LOGIN_OK, "u1", null, null, null, null));

        assertThat(new LoggingAuditLog(stored).purgeBefore(T0.plusSeconds(1))).isEqualTo(1);
    }
}
