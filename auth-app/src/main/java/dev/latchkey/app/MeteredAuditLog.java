package dev.latchkey.app;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.port.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what the audit trail records, once it is recorded: logins by outcome, refresh-token reuse,
 * and ended sessions by reason. Every series exists from the start, at zero.
 */
final class MeteredAuditLog implements AuditLog {

    private final AuditLog next;
    private final Map<AuditEvent.Type, Counter> logins = new EnumMap<>(AuditEvent.Type.class);
    private final Counter refreshReuse;
    private final Map<EndReason, Counter> sessionsEnded = new EnumMap<>(EndReason.class);

    MeteredAuditLog(AuditLog next, MeterRegistry registry) {
        this.next = next;
        logins.put(AuditEvent.Type.LOGIN_OK, login(registry, "ok"));
        logins.put(AuditEvent.Type.LOGIN_FAILED, login(registry, "invalid"));
        logins.put(AuditEvent.Type.LOGIN_THROTTLED, login(registry, "throttled"));
        refreshReuse = Counter.builder("latchkey.refresh.reuse")
                .description("Spent refresh tokens presented again; each ends its session")
                .register(registry);
        for (EndReason reason : EndReason.values()) {
            sessionsEnded.put(reason, Counter.builder("latchkey.sessions.ended")
                    .description("Sessions ended, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    private static Counter login(MeterRegistry registry, String outcome) {
        return Counter.builder("latchkey.logins")
                .description("Login attempts that reached the password check or the throttle, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void record(AuditEvent event) {
        next.record(event);
        switch (event.type()) {
            case LOGIN_OK, LOGIN_FAILED, LOGIN_THROTTLED -> logins.get(event.type()).increment();
            case REFRESH_REUSE -> refreshReuse.increment();
            case SESSION_ENDED -> endReason(event.detail()).ifPresent(reason -> sessionsEnded.get(reason).increment());
            default -> {
                // not counted
            }
        }
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return next.purgeBefore(cutoff);
    }

    private static java.util.Optional<EndReason> endReason(String detail) {
        for (EndReason reason : EndReason.values()) {
            if (reason.name().equals(detail)) {
                return java.util.Optional.of(reason);
            }
        }
        return java.util.Optional.empty();
    }
}
