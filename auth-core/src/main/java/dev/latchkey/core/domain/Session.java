package dev.latchkey.core.domain;

import java.time.Duration;
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
 * @param previousRefreshJti     the refresh token id spent last, null before the first refresh
 * @param previousRefreshSpentAt when that token was spent, null before the first refresh; together
 *                               they let a refresh grace window answer a replay of the token just spent
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
        EndReason endReason,
        String previousRefreshJti,
        Instant previousRefreshSpentAt) {

    /** A session whose refresh token has not been spent yet. */
    public Session(String id, String userId, String refreshJti, Instant createdAt, Instant lastUsedAt,
                   Instant refreshExpiresAt, Instant expiresAt, String userAgent, String ip, Instant endedAt,
                   EndReason endReason) {
        this(id, userId, refreshJti, createdAt, lastUsedAt, refreshExpiresAt, expiresAt, userAgent, ip, endedAt,
                endReason, null, null);
    }

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

    /** Whether {@code jti} is the refresh token spent last and was spent less than {@code grace} before {@code now}. */
    public boolean spentLastWithin(String jti, Duration grace, Instant now) {
        return !grace.isZero() && jti.equals(previousRefreshJti) && previousRefreshSpentAt != null
                && now.isBefore(previousRefreshSpentAt.plus(grace));
    }

    /** The current refresh token spent at {@code now} and replaced by {@code newRefreshJti}. */
    public Session rotated(String newRefreshJti, Instant now, Instant newRefreshExpiresAt) {
        return new Session(id, userId, newRefreshJti, createdAt, now, newRefreshExpiresAt, expiresAt,
                userAgent, ip, endedAt, endReason, refreshJti, now);
    }

    public Session endedAt(Instant now, EndReason reason) {
        return new Session(id, userId, refreshJti, createdAt, lastUsedAt, refreshExpiresAt, expiresAt,
                userAgent, ip, now, reason, previousRefreshJti, previousRefreshSpentAt);
    }
}
