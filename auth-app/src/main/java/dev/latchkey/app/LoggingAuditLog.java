package dev.latchkey.app;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.port.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.time.Instant;

/**
 * Stores each event in the log it wraps, then writes it as one line to the {@code latchkey.audit}
 * logger, its fields as key-value pairs (text or JSON, as {@code AUTH_LOG_FORMAT} says).
 */
final class LoggingAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger("latchkey.audit");

    private final AuditLog stored;

    LoggingAuditLog(AuditLog stored) {
        this.stored = stored;
    }

    @Override
    public void record(AuditEvent event) {
        stored.record(event);
        LoggingEventBuilder line = log.atInfo()
                .addKeyValue("at", event.at().toString())
                .addKeyValue("type", event.type().name());
        add(line, "user_id", event.userId());
        add(line, "session_id", event.sessionId());
        add(line, "ip", event.ip());
        add(line, "user_agent", event.userAgent());
        add(line, "detail", event.detail());
        line.log("audit");
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return stored.purgeBefore(cutoff);
    }

    private static void add(LoggingEventBuilder line, String key, String value) {
        if (value != null) {
            line.addKeyValue(key, value);
        }
    }
}
