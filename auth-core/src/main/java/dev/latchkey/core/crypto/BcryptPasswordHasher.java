package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.latchkey.core.port.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * bcrypt at a configured cost. bcrypt reads only 72 bytes of a password; longer passwords are first
 * reduced with SHA-512, so every character counts and nothing is silently cut off.
 *
 * <p>Hashes are {@code $2b$} strings made by the at.favre bcrypt library. Where the system's
 * libxcrypt is present and reproduces that library's hashes ({@link Libxcrypt}), it computes them
 * instead, about a third faster; the hashes are the same either way, so each verifies the other's.
 * Keys holding a zero byte (a password with U+0000, or the SHA-512 of a long one) always go to the
 * Java library, because C strings end there.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LONG_PASSWORDS);
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LONG_PASSWORDS);
    private final Libxcrypt libxcrypt;

    public BcryptPasswordHasher(int cost) {
        this(cost, libxcryptIfPresent());
    }

    BcryptPasswordHasher(int cost, Optional<Libxcrypt> libxcrypt) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + BCrypt.MIN_COST + " and " + BCrypt.MAX_COST);
        }
        this.cost = cost;
        this.libxcrypt = libxcrypt.orElse(null);
    }

    /** Which implementation computes the hashes: {@code "libxcrypt"} or {@code "java"}. */
    public String implementation() {
        return libxcrypt == null ? "java" : "libxcrypt";
    }

    @Override
    public String hash(String password) {
        byte[] key = key(password);
        if (libxcrypt != null && hasNoZeroByte(key)) {
            return libxcrypt.hash(key, cost);
        }
        return new String(hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    @Override
    public boolean verify(String password, String hash) {
        if (hash.isEmpty()) {
            return false; // the library throws on an empty hash instead of answering "invalid format"
        }
        byte[] key = key(password);
        if (libxcrypt != null && hash.startsWith("$2b$") && hasNoZeroByte(key)) {
            return libxcrypt.verify(key, hash);
        }
        BCrypt.Result result = verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.US_ASCII));
        return result.validFormat && result.verified;
    }

    @Override
    public boolean needsRehash(String hash) {
        return costOf(hash) < cost;
    }

    private static Optional<Libxcrypt> libxcryptIfPresent() {
        try {
            return Libxcrypt.shared();
        } catch (LinkageError e) {
            return Optional.empty(); // JNA is not on the class path: an embedder chose pure Java
        }
    }

    /** The bytes bcrypt reads, derived exactly as the Java library derives them before hashing. */
    private static byte[] key(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return bytes.length > VERSION.allowedMaxPwLength ? LONG_PASSWORDS.derive(bytes) : bytes;
    }

    private static boolean hasNoZeroByte(byte[] key) {
        for (byte b : key) {
            if (b == 0) {
                return false;
            }
        }
        return true;
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
