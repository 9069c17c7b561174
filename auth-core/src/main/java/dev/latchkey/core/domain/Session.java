package dev.latchkey.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One login on one device. It holds the id of the only refresh token that may still be spent
 * ({@code refreshJti}); rotating replaces it, so storage is one row per session, not per token.
 *
 * @param refreshExpiresAt when the current refresh token expires (never after {@code expiresAt})
 * @param expiresAt        the hard end: login time plus the maximum session length
 * @param endedAt          when the session was ended, null while it is not
 */
public record Session(
        String id,
        String userId,
        String refreshJti,
        Instant createdAt,
        Instant lastUsedAt,
        Instant refreshExpiresAt,
        Instant expiresAt,
        String userAgent,
        String ip,
        Instant endedAt,
        EndReason endReason) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(refreshJti, "refreshJti");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether tokens of this session may be used at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return endedAt == null && now.isBefore(refreshExpiresAt) && now.isBefore(expiresAt);
    }

    public Optional<EndReason> ended() {
        return Optional.ofNullable(endReason);
    }

    public Session rotated(String newRefreshJti, Instant now, Instant newRefreshExpiresAt) {
        return new Session(id, userId, newRefreshJti, createdAt, now, newRefreshExpiresAt, expiresAt,
                userAgent, ip, endedAt, endReason);
    }

    public Session endedAt(Instant now, EndReason reason) {
        return new Session(id, userId, refreshJti, createdAt, lastUsedAt, refreshExpiresAt, expiresAt,
                userAgent, ip, now, reason);
    }
}
