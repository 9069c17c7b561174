package dev.latchkey.jdbi;

import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.port.OneTimeTokenRepository;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/** One-time tokens in the {@code one_time_tokens} table, by hash. Spending is one conditional delete. */
public final class JdbiOneTimeTokenRepository implements OneTimeTokenRepository {

    private final Jdbi jdbi;
    private final DatabaseGuard guard;

    public JdbiOneTimeTokenRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.guard = DatabaseGuard.of(jdbi);
    }

    @Override
    public void add(OneTimeToken token) {
        guard.write(jdbi, h -> h.createUpdate("""
                        INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at)
                        VALUES (:hash, :purpose, :userId, :createdAt, :expiresAt)""")
                .bind("hash", token.hash())
                .bind("purpose", token.purpose().name())
                .bind("userId", token.userId())
                .bind("createdAt", Timestamps.utc(token.createdAt()))
                .bind("expiresAt", Timestamps.utc(token.expiresAt()))
                .execute());
    }

    @Override
    public Optional<OneTimeToken> findUsable(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return guard.read(jdbi, h -> h.createQuery("""
                        SELECT token_hash, purpose, user_id, created_at, expires_at
                          FROM one_time_tokens
                         WHERE token_hash = :hash AND purpose = :purpose AND expires_at > :now""")
                .bind("hash", hash)
                .bind("purpose", purpose.name())
                .bind("now", Timestamps.utc(now))
                .map((rs, ctx) -> new OneTimeToken(rs.getString("token_hash"),
                        OneTimeToken.Purpose.valueOf(rs.getString("purpose")), rs.getString("user_id"),
                        Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "expires_at")))
                .findOne());
    }

    @Override
    public boolean spend(String hash, OneTimeToken.Purpose purpose, Instant now) {
        // Of simultaneous deletes of one row, the database lets exactly one count it.
        return guard.write(jdbi, h -> h.createUpdate("""
                        DELETE FROM one_time_tokens
                         WHERE token_hash = :hash AND purpose = :purpose AND expires_at > :now""")
                .bind("hash", hash)
                .bind("purpose", purpose.name())
                .bind("now", Timestamps.utc(now))
                .execute()) == 1;
    }

    @Override
    public int removeAllOfUser(String userId, OneTimeToken.Purpose purpose) {
        return guard.write(jdbi, h -> h.createUpdate("DELETE FROM one_time_tokens WHERE user_id = :userId AND purpose = :purpose")
                .bind("userId", userId)
                .bind("purpose", purpose.name())
                .execute());
    }

    @Override
    public int purgeExpired(Instant now) {
        return guard.write(jdbi, h -> h.createUpdate("DELETE FROM one_time_tokens WHERE expires_at <= :now")
                .bind("now", Timestamps.utc(now))
                .execute());
    }
}
