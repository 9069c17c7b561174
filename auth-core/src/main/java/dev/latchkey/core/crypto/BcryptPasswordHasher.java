package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.latchkey.core.port.PasswordHasher;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt at a configured cost. bcrypt reads only 72 bytes of a password; longer passwords are first
 * reduced with SHA-512, so every character counts and nothing is silently cut off.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LONG_PASSWORDS);
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LONG_PASSWORDS);

    public BcryptPasswordHasher(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + BCrypt.MIN_COST + " and " + BCrypt.MAX_COST);
        }
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return new String(hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    @Override
    public boolean verify(String password, String hash) {
        if (hash.isEmpty()) {
            return false; // the library throws on an empty hash instead of answering "invalid format"
        }
        BCrypt.Result result = verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.US_ASCII));
        return result.validFormat && result.verified;
    }

    @Override
    public boolean needsRehash(String hash) {
        return costOf(hash) < cost;
    }

    /** The cost written in a modular-crypt bcrypt hash ({@code $2b$12$...}), or 0 if unreadable. */
    static int costOf(String hash) {
        if (hash.length() < 7 || hash.charAt(0) != '$' || hash.charAt(3) != '$' || hash.charAt(6) != '$') {
            return 0;
        }
        try {
            return Integer.parseInt(hash.substring(4, 6));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
