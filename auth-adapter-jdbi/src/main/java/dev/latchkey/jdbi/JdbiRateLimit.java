package dev.latchkey.jdbi;

import dev.latchkey.core.port.RateLimit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hourly limits counted in the {@code rate_events} table, so that every instance sharing the database
 * sees the same counts. The check and the count of one key are one step: within this process under a
 * lock per key, and across instances on PostgreSQL under a transaction-scoped advisory lock on the key.
 */
public final class JdbiRateLimit implements RateLimit {

    private static final int STRIPES = 64;

    private final Jdbi jdbi;
    private final DatabaseGuard guard;
    private final Object[] stripes = new Object[STRIPES];
    private volatile Boolean postgres;

    public JdbiRateLimit(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.guard = DatabaseGuard.of(jdbi);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public Optional<Duration> take(String key, int max, Duration window, Instant now) {
        Instant start = now.minus(window);
        synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
            return guard.writeInTransaction(jdbi, h -> {
                if (isPostgres(h)) {
                    h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked").bind("key", key)
                            .mapTo(Integer.class).one();
                }
                List<Instant> recent = h.createQuery("""
                                SELECT at FROM rate_events
                                 WHERE rate_key = :key AND at > :start
                                 ORDER BY at
                                 LIMIT :max""")
                        .bind("key", key)
                        .bind("start", Timestamps.utc(start))
                        .bind("max", max)
                        .map((rs, ctx) -> Timestamps.instant(rs, "at"))
                        .list();
                if (recent.size() >= max) {
                    return Optional.of(Duration.between(start, recent.get(0)));
                }
                h.createUpdate("INSERT INTO rate_events (rate_key, at) VALUES (:key, :at)")
                        .bind("key", key)
                        .bind("at", Timestamps.utc(now))
                        .execute();
                return Optional.<Duration>empty();
            });
        }
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return guard.write(jdbi, h -> h.createUpdate("DELETE FROM rate_events WHERE at < :cutoff")
                .bind("cutoff", Timestamps.utc(cutoff))
                .execute());
    }

    private boolean isPostgres(Handle h) {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = "PostgreSQL".equals(h.getConnection().getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
            postgres = known;
        }
        return known;
    }
}
