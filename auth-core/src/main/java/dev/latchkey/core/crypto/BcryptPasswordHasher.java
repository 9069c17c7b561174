package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.latchkey.core.port.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * bcrypt at a configured cost. bcrypt reads only 72 bytes of a password; longer passwords are first
 * reduced with SHA-512, so every character counts and nothing is silently cut off.
 *
 * <p>New hashes are {@code $2b$} strings with a salt from the JDK's {@link SecureRandom}. Stored
 * {@code $2a$}, {@code $2b$} and {@code $2y$} hashes at any cost from 4 to 31 are all checked the same
 * way, by the same {@link BcryptEngine}, so the time a check takes does not depend on which prefix or
 * cost an account's hash has. Anything else (another scheme, a cost out of range, a damaged hash) is
 * no match, never an exception.
 *
 * <p>The engine is {@link JavaBcrypt} unless another is given; where that one declines a key (a native
 * library cannot take a key holding a zero byte), the Java engine computes it. That choice depends on
 * the password alone, never on the account.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);
    private static final BcryptEngine PLAIN = new JavaBcrypt();

    private final int cost;
    private final BcryptEngine engine;
    private final SecureRandom random = new SecureRandom();

    /** bcrypt at {@code cost} by the at.favre Java library. */
    public BcryptPasswordHasher(int cost) {
        this(cost, PLAIN);
    }

    /** bcrypt at {@code cost} computed by {@code engine}, and by the Java library where it declines a key. */
    public BcryptPasswordHasher(int cost, BcryptEngine engine) {
        if (cost < BcryptText.MIN_COST || cost > BcryptText.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + BcryptText.MIN_COST + " and " + BcryptText.MAX_COST);
        }
        this.cost = cost;
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Which engine computes the hashes, e.g. {@code "java"} or {@code "libxcrypt"}. */
    public String implementation() {
        return engine.name();
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[BcryptText.SALT_BYTES];
        random.nextBytes(salt);
        return compute(password, BcryptText.setting(cost, salt));
    }

    @Override
    public boolean verify(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        Optional<String> setting = BcryptText.settingOf(hash);
        if (setting.isEmpty()) {
            return false;
        }
        String computed = compute(password, setting.get());
        // Compared after the prefix: $2a$, $2b$ and $2y$ name the same computation here.
        return MessageDigest.isEqual(computed.substring(3).getBytes(StandardCharsets.US_ASCII),
                hash.substring(3).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean needsRehash(String hash) {
        return BcryptText.costOf(hash) < cost;
    }

    /**
     * A random salt and a random result at this hasher's cost, written as a {@code $2b$} hash: checking
     * a password against it runs one full bcrypt at that cost like any stored hash, and nothing matches
     * a result no computation produced. Made without hashing, so a server need not spend a bcrypt
     * on it at start.
     */
    @Override
    public String unknownAccountHash() {
        byte[] salt = new byte[BcryptText.SALT_BYTES];
        byte[] result = new byte[BcryptText.RESULT_BYTES];
        random.nextBytes(salt);
        random.nextBytes(result);
        return BcryptText.hash(cost, salt, result);
    }

    private String compute(String password, String setting) {
        byte[] key = key(password);
        try {
            return engine.hash(key, setting).or(() -> PLAIN.hash(key, setting))
                    .orElseThrow(() -> new IllegalStateException("bcrypt computed nothing"));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The bytes bcrypt reads, derived exactly as the Java library derives them before hashing. */
    private static byte[] key(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return bytes.length > VERSION.allowedMaxPwLength ? LONG_PASSWORDS.derive(bytes) : bytes;
    }
}
