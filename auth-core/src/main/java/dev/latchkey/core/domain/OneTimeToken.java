package dev.latchkey.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A single-use token sent by e-mail (a password reset or an address verification), as stored: only
 * the SHA-256 of the token is kept, so that a copy of the database holds no usable link. The tokens
 * carry 256 random bits, which is why a plain, unsalted hash is enough.
 */
public record OneTimeToken(String hash, Purpose purpose, String userId, Instant createdAt, Instant expiresAt) {

    /** What a token may be used for; a token of one purpose is unknown to the other. */
    public enum Purpose {
        PASSWORD_RESET,
        EMAIL_VERIFICATION
    }

    /** Longer input is no token of ours, and is not even hashed. */
    public static final int MAX_LENGTH = 128;
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public OneTimeToken {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A new token: 256 random bits, base64url without padding (43 characters, safe in a URL). */
    public static String newToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash under which {@code token} is stored and looked up (SHA-256, hex). */
    public static String hashOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public boolean isUsableAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "OneTimeToken[purpose=" + purpose + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
