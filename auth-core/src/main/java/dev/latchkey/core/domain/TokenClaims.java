package dev.latchkey.core.domain;

import java.time.Instant;
import java.util.Objects;

/** What Latchkey puts in, and trusts from, a token it signed. */
public record TokenClaims(
        TokenType type, String userId, String sessionId, String jti, Instant issuedAt, Instant expiresAt) {

    public TokenClaims {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
