package dev.latchkey.app;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuditEvent.Type;
import dev.latchkey.core.memory.InMemoryAuditLog;
import dev.latchkey.core.port.AuditLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

class MeteredAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryAuditLog stored = new InMemoryAuditLog();
    private final MeteredAuditLog metered = new MeteredAuditLog(stored, registry);

    private static AuditEvent event(Type type, String detail) {
        return new AuditEvent(T0, type, "u1", "s1", null, null, detail);
    }

    private double logins(String outcome) {
        return registry.get("latchkey.logins").tag("outcome", outcome).counter().count();
    }

    private double ended(String reason) {
        return registry.get("latchkey.sessions.ended").tag("reason", reason).counter().count();
    }

    @Test
    void everySeriesExistsAtZeroBeforeAnythingHappens() {
        assertThat(logins("ok") + logins("invalid") + logins("throttled")).isZero();
        assertThat(registry.get("latchkey.refresh.reuse").counter().count()).isZero();
        assertThat(ended("user_deactivated")).isZero();
    }

    @Test
    void loginsAreCountedByOutcome() {
        metered.record(event(Type.LOGIN_OK, null));
        metered.record(event(Type.LOGIN_FAILED, "wrong password"));
        metered.record(event(Type.LOGIN_FAILED, "unknown user"));
        metered.record(event(Type.LOGIN_THROTTLED, "retry after 1 s"));

        assertThat(logins("ok")).isEqualTo(1);
        assertThat(logins("invalid")).isEqualTo(2);
        assertThat(logins("throttled")).isEqualTo(1);
    }

    @Test
    void endedSessionsAreCountedByTheReasonInTheirDetail() {
        metered.record(event(Type.SESSION_ENDED, "LOGOUT_ALL"));
        metered.record(event(Type.SESSION_ENDED, "LOGOUT_ALL"));
        metered.record(event(Type.SESSION_ENDED, "REFRESH_REUSE"));
        metered.record(event(Type.LOGOUT_ALL, "2 session(s) ended"));

        assertThat(ended("logout_all")).isEqualTo(2);
        assertThat(ended("refresh_reuse")).isEqualTo(1);
    }

    @Test
    void refreshReuseIsCounted() {
        metered.record(event(Type.REFRESH_REUSE, null));

        assertThat(registry.get("latchkey.refresh.reuse").counter().count()).isEqualTo(1);
    }

    @Test
    void eventsArePassedOnToBeStored() {
        metered.record(event(Type.USER_CREATED, null));

        assertThat(stored.events()).extracting(AuditEvent::type).containsExactly(Type.USER_CREATED);
    }

    @Test
    void anEventThatFailedToStoreIsNotCounted() {
        AuditLog broken = mock(AuditLog.class);
        doThrow(new IllegalStateException("down")).when(broken).record(any());
        MeteredAuditLog failing = new MeteredAuditLog(broken, registry);

        assertThatThrownBy(() -> failing.record(event(Type.LOGIN_OK, null))).hasMessage("down");

        assertThat(logins("ok")).isZero();
    }
}
