package dev.latchkey.jdbi;

import dev.latchkey.core.domain.SigningKey;
import dev.latchkey.core.port.SigningKeyRepository;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;

/** Signing keys in the {@code signing_keys} table, shared by every instance. */
public final class JdbiSigningKeyRepository implements SigningKeyRepository {

    private final Jdbi jdbi;
    private final DatabaseGuard guard;

    public JdbiSigningKeyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.guard = DatabaseGuard.of(jdbi);
    }

    @Override
    public List<SigningKey> findAll() {
        return guard.read(jdbi, h -> h.createQuery("""
                        SELECT kid, algorithm, jwk, created_at, retired_at
                          FROM signing_keys
                         ORDER BY created_at DESC, kid""")
                .map((rs, ctx) -> new SigningKey(rs.getString("kid"), rs.getString("algorithm"), rs.getString("jwk"),
                        Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "retired_at")))
                .list());
    }

    @Override
    public void add(SigningKey key) {
        guard.write(jdbi, h -> h.createUpdate("""
                        INSERT INTO signing_keys (kid, algorithm, jwk, created_at, retired_at)
                        VALUES (:kid, :algorithm, :jwk, :createdAt, :retiredAt)""")
                .bind("kid", key.kid())
                .bind("algorithm", key.algorithm())
                .bind("jwk", key.jwk())
                .bind("createdAt", Timestamps.utc(key.createdAt()))
                .bind("retiredAt", Timestamps.utc(key.retiredAt()))
                .execute());
    }

    @Override
    public void retireAllExcept(String currentKid, Instant at) {
        guard.write(jdbi, h -> h.createUpdate("UPDATE signing_keys SET retired_at = :at WHERE kid <> :kid AND retired_at IS NULL")
                .bind("at", Timestamps.utc(at))
                .bind("kid", currentKid)
                .execute());
    }

    @Override
    public int deleteRetiredBefore(Instant cutoff) {
        return guard.write(jdbi, h -> h.createUpdate("DELETE FROM signing_keys WHERE retired_at < :cutoff")
                .bind("cutoff", Timestamps.utc(cutoff))
                .execute());
    }
}
