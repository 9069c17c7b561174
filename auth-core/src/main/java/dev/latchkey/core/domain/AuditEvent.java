package dev.latchkey.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Something security-relevant that happened, kept for operators: who, which session, from where,
 * and a short detail. It never holds a password, a token or a hash.
 *
 * @param userId    the account concerned; null when there is none (an unknown login, a key rotation)
 * @param sessionId the session concerned, or null
 * @param ip        the client address of the request that caused it, or null
 * @param userAgent the client's User-Agent, or null
 * @param detail    a short, fixed-vocabulary note; for {@link Type#SESSION_ENDED} the {@link EndReason}
 */
public record AuditEvent(
        Instant at,
        Type type,
        String userId,
        String sessionId,
        String ip,
        String userAgent,
        String detail) {

    /** What happened. */
    public enum Type {
        LOGIN_OK,
        LOGIN_FAILED,
        LOGIN_THROTTLED,
        LOGOUT,
        LOGOUT_ALL,
        /** One per session that ends, whatever ended it; the detail is the {@link EndReason}. */
        SESSION_ENDED,
        REFRESH_REUSE,
        PASSWORD_CHANGED,
        USER_CREATED,
        USER_DEACTIVATED,
        KEY_ROTATED,
        /** Someone asked for a reset link; the detail says whether one was sent, and if not why. */
        PASSWORD_RESET_REQUESTED,
        /** A password was replaced through a reset link. */
        PASSWORD_RESET,
        /** A verification link was sent (at registration or on request). */
        EMAIL_VERIFICATION_SENT,
        EMAIL_VERIFIED,
        /** A message could not be delivered, after its retries (or it was dropped, the queue being full). */
        MAIL_FAILED
    }

    /** Longer details are cut, so that no event is refused by storage for its length. */
    public static final int MAX_DETAIL_LENGTH = 256;

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        if (userAgent != null && userAgent.length() > ClientInfo.MAX_USER_AGENT_LENGTH) {
            userAgent = userAgent.substring(0, ClientInfo.MAX_USER_AGENT_LENGTH);
        }
        if (detail != null && detail.length() > MAX_DETAIL_LENGTH) {
            detail = detail.substring(0, MAX_DETAIL_LENGTH);
        }
    }

    /** An event caused by a request from {@code client}. */
    public static AuditEvent of(Instant at, Type type, String userId, String sessionId, ClientInfo client, String detail) {
        return new AuditEvent(at, type, userId, sessionId, client.ip(), client.userAgent(), detail);
    }

    /** The end of one session, for {@code reason}. */
    public static AuditEvent sessionEnded(Instant at, String userId, String sessionId, EndReason reason, ClientInfo client) {
        return of(at, Type.SESSION_ENDED, userId, sessionId, client, reason.name());
    }
}
