package dev.latchkey.jdbi;

import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.port.SessionRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions in the {@code sessions} table; every change is one conditional statement. On PostgreSQL,
 * ending a session also announces it on {@link PostgresSessionEndListener#CHANNEL} in the same
 * transaction, so every instance sharing the database forgets it as soon as the end is committed.
 */
public final class JdbiSessionRepository implements SessionRepository {

    private static final String COLUMNS = """
            id, user_id, refresh_jti, created_at, last_used_at, refresh_expires_at, expires_at,
            user_agent, ip, ended_at, end_reason, previous_refresh_jti, previous_refresh_spent_at""";

    /**
     * The compare-and-set of a refresh, answering with the row it changed: PostgreSQL says
     * {@code RETURNING}, H2 selects from the {@code FINAL TABLE} of the update. The new refresh token
     * never outlives the session.
     */
    private static final String ROTATE = """
            UPDATE sessions
               SET refresh_jti = :newJti, last_used_at = :now,
                   previous_refresh_jti = refresh_jti, previous_refresh_spent_at = :now,
                   refresh_expires_at = CASE WHEN expires_at < :refreshExpiresAt THEN expires_at ELSE :refreshExpiresAt END
             WHERE id = :id AND refresh_jti = :presentedJti AND ended_at IS NULL
               AND refresh_expires_at > :now AND expires_at > :now""";

    private final Jdbi jdbi;
    private final DatabaseGuard guard;
    private final String rotate;
    private final boolean announcesEnds;

    public JdbiSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.guard = DatabaseGuard.of(jdbi);
        this.announcesEnds = isPostgres(jdbi);
        this.rotate = announcesEnds
                ? ROTATE + " RETURNING " + COLUMNS
                : "SELECT " + COLUMNS + " FROM FINAL TABLE (" + ROTATE + ")";
    }

    private static boolean isPostgres(Jdbi jdbi) {
        try {
            return jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName()).equals("PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }

    @Override
    public void add(Session s) {
        guard.write(jdbi, h -> h.createUpdate("""
                        INSERT INTO sessions (id, user_id, refresh_jti, created_at, last_used_at, refresh_expires_at,
                                              expires_at, user_agent, ip, ended_at, end_reason,
                                              previous_refresh_jti, previous_refresh_spent_at)
                        VALUES (:id, :userId, :refreshJti, :createdAt, :lastUsedAt, :refreshExpiresAt,
                                :expiresAt, :userAgent, :ip, :endedAt, :endReason,
                                :previousRefreshJti, :previousRefreshSpentAt)""")
                .bind("id", s.id())
                .bind("userId", s.userId())
                .bind("refreshJti", s.refreshJti())
                .bind("createdAt", Timestamps.utc(s.createdAt()))
                .bind("lastUsedAt", Timestamps.utc(s.lastUsedAt()))
                .bind("refreshExpiresAt", Timestamps.utc(s.refreshExpiresAt()))
                .bind("expiresAt", Timestamps.utc(s.expiresAt()))
                .bind("userAgent", s.userAgent())
                .bind("ip", s.ip())
                .bind("endedAt", Timestamps.utc(s.endedAt()))
                .bind("endReason", s.endReason() == null ? null : s.endReason().name())
                .bind("previousRefreshJti", s.previousRefreshJti())
                .bind("previousRefreshSpentAt", Timestamps.utc(s.previousRefreshSpentAt()))
                .execute());
    }

    @Override
    public Optional<Session> findById(String id) {
        return guard.read(jdbi, h -> h.createQuery("SELECT " + COLUMNS + " FROM sessions WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> session(rs))
                .findOne());
    }

    @Override
    public List<Session> findActiveByUser(String userId, Instant now) {
        return guard.read(jdbi, h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM sessions
                        WHERE user_id = :userId AND ended_at IS NULL
                          AND refresh_expires_at > :now AND expires_at > :now
                        ORDER BY created_at DESC, id""")
                .bind("userId", userId)
                .bind("now", Timestamps.utc(now))
                .map((rs, ctx) -> session(rs))
                .list());
    }

    @Override
    public Optional<Session> rotate(String sessionId, String presentedJti, String newJti, Instant now, Instant refreshExpiresAt) {
        return guard.write(jdbi, h -> h.createQuery(rotate)
                .bind("newJti", newJti)
                .bind("now", Timestamps.utc(now))
                .bind("refreshExpiresAt", Timestamps.utc(refreshExpiresAt))
                .bind("id", sessionId)
                .bind("presentedJti", presentedJti)
                .map((rs, ctx) -> session(rs))
                .findOne());
    }

    @Override
    public boolean end(String sessionId, Instant now, EndReason reason) {
        HandleCallback<Boolean, RuntimeException> end = h -> {
            boolean ended = h.createUpdate("""
                            UPDATE sessions SET ended_at = :now, end_reason = :reason
                             WHERE id = :id AND ended_at IS NULL""")
                    .bind("now", Timestamps.utc(now))
                    .bind("reason", reason.name())
                    .bind("id", sessionId)
                    .execute() == 1;
            if (ended) {
                announceEnded(h, List.of(sessionId));
            }
            return ended;
        };
        return announcesEnds ? guard.writeInTransaction(jdbi, end) : guard.write(jdbi, end);
    }

    /** Tells every listening instance, when the transaction commits, that these sessions ended. */
    private void announceEnded(Handle h, List<String> sessionIds) {
        if (!announcesEnds) {
            return;
        }
        for (String id : sessionIds) {
            h.createQuery("SELECT pg_notify(:channel, :id)")
                    .bind("channel", PostgresSessionEndListener.CHANNEL)
                    .bind("id", id)
                    .mapTo(String.class)
                    .list();
        }
    }

    @Override
    public List<String> endAllOfUser(String userId, String keepSessionId, Instant now, EndReason reason) {
        // One transaction: the ids returned are exactly the sessions this call ended.
        return guard.writeInTransaction(jdbi, h -> {
            List<String> open = h.createQuery("""
                            SELECT id FROM sessions
                             WHERE user_id = :userId AND ended_at IS NULL AND id <> :keep
                             FOR UPDATE""")
                    .bind("userId", userId)
                    .bind("keep", keepSessionId == null ? "" : keepSessionId)
                    .mapTo(String.class)
                    .list();
            List<String> ended = new java.util.ArrayList<>();
            for (String id : open) {
                int changed = h.createUpdate("UPDATE sessions SET ended_at = :now, end_reason = :reason WHERE id = :id AND ended_at IS NULL")
                        .bind("now", Timestamps.utc(now))
                        .bind("reason", reason.name())
                        .bind("id", id)
                        .execute();
                if (changed == 1) {
                    ended.add(id);
                }
            }
            announceEnded(h, ended);
            return ended;
        });
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return guard.write(jdbi, h -> h.createUpdate("""
                        DELETE FROM sessions
                         WHERE ended_at < :cutoff OR expires_at < :cutoff OR refresh_expires_at < :cutoff""")
                .bind("cutoff", Timestamps.utc(cutoff))
                .execute());
    }

    private static Session session(ResultSet rs) throws SQLException {
        String reason = rs.getString("end_reason");
        return new Session(rs.getString("id"), rs.getString("user_id"), rs.getString("refresh_jti"),
                Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "last_used_at"),
                Timestamps.instant(rs, "refresh_expires_at"), Timestamps.instant(rs, "expires_at"),
                rs.getString("user_agent"), rs.getString("ip"), Timestamps.instant(rs, "ended_at"),
                reason == null ? null : EndReason.valueOf(reason), rs.getString("previous_refresh_jti"),
                Timestamps.instant(rs, "previous_refresh_spent_at"));
    }
}
