package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.port.AuditLog;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Audit events in the {@code audit_events} table: one insert per event, in the caller's request. */
public final class JdbiAuditLog implements AuditLog {

    private final Jdbi jdbi;
    private final DatabaseGuard guard;

    public JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.guard = DatabaseGuard.of(jdbi);
    }

    @Override
    public void record(AuditEvent e) {
        guard.write(jdbi, h -> h.createUpdate("""
                        INSERT INTO audit_events (at, type, user_id, session_id, ip, user_agent, detail)
                        VALUES (:at, :type, :userId, :sessionId, :ip, :userAgent, :detail)""")
                .bind("at", Timestamps.utc(e.at()))
                .bind("type", e.type().name())
                .bind("userId", e.userId())
                .bind("sessionId", e.sessionId())
                .bind("ip", e.ip())
                .bind("userAgent", e.userAgent())
                .bind("detail", e.detail())
                .execute());
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return guard.write(jdbi, h -> h.createUpdate("DELETE FROM audit_events WHERE at < :cutoff")
                .bind("cutoff", Timestamps.utc(cutoff))
                .execute());
    }

    /** The newest {@code limit} events of a user, oldest first: what an operator reads about an account. */
    public List<AuditEvent> findByUser(String userId, int limit) {
        List<AuditEvent> events = new ArrayList<>(guard.read(jdbi, h -> h.createQuery("""
                        SELECT at, type, user_id, session_id, ip, user_agent, detail
                          FROM audit_events
                         WHERE user_id = :userId
                         ORDER BY at DESC, id DESC
                         LIMIT :limit""")
                .bind("userId", userId)
                .bind("limit", limit)
                .map((rs, ctx) -> event(rs))
                .list()));
        Collections.reverse(events);
        return events;
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(Timestamps.instant(rs, "at"), AuditEvent.Type.valueOf(rs.getString("type")),
                rs.getString("user_id"), rs.getString("session_id"), rs.getString("ip"),
                rs.getString("user_agent"), rs.getString("detail"));
    }
}
