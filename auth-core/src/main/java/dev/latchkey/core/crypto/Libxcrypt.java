package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * bcrypt computed by the system's libxcrypt ({@code libcrypt.so.1}, the library behind
 * {@code crypt(3)} on Linux), called through JNA. Its bcrypt is the C implementation maintained with
 * OpenBSD's and takes about three quarters of the time of bcrypt in Java, which is what bounds the
 * login rate of a server.
 *
 * <p>It is used only if it loads and reproduces the Java library's hashes exactly
 * ({@link #load()}); otherwise {@link BcryptPasswordHasher} stays with the Java library. Callers
 * pass keys without zero bytes: C strings end at the first one.
 */
final class Libxcrypt {

    /** {@code sizeof(struct crypt_data)} in libxcrypt: the working memory of one call. */
    private static final int CRYPT_DATA_SIZE = 32768;
    private static final int SETTING_SIZE = 64;
    private static final byte[] BCRYPT_PREFIX = "$2b$".getBytes(StandardCharsets.US_ASCII);

    /** The two functions used, both reentrant: all state lives in memory the caller passes. */
    interface Functions extends Library {
        Pointer crypt_rn(byte[] phrase, byte[] setting, Pointer data, int size);

        Pointer crypt_gensalt_rn(byte[] prefix, NativeLong count, Pointer randomBytes, int randomBytesLength,
                                 byte[] output, int outputSize);
    }

    private static final Optional<Libxcrypt> SHARED = load();

    private final Functions functions;

    private Libxcrypt(Functions functions) {
        this.functions = functions;
    }

    /** The process-wide instance, or empty if libxcrypt is missing or does not agree with the Java library. */
    static Optional<Libxcrypt> shared() {
        return SHARED;
    }

    /** Loads libxcrypt and checks it against the Java library on fixed inputs; empty on any failure. */
    static Optional<Libxcrypt> load() {
        try {
            Libxcrypt candidate = new Libxcrypt(Native.load("crypt", Functions.class));
            return candidate.agreesWithJavaLibrary() ? Optional.of(candidate) : Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty(); // no JNA, no libcrypt, no native access: the Java library serves
        }
    }

    /** A new {@code $2b$} hash of {@code key} at {@code cost}, with a salt from the operating system's random source. */
    String hash(byte[] key, int cost) {
        byte[] setting = new byte[SETTING_SIZE];
        if (functions.crypt_gensalt_rn(terminated(BCRYPT_PREFIX), new NativeLong(cost), null, 0,
                setting, setting.length) == null) {
            throw new IllegalStateException("libxcrypt could not make a bcrypt salt");
        }
        String hash = crypt(key, setting);
        if (hash == null) {
            throw new IllegalStateException("libxcrypt could not hash");
        }
        return hash;
    }

    /** Whether {@code key} hashes to {@code hash}, compared in constant time. */
    boolean verify(byte[] key, String hash) {
        byte[] expected = hash.getBytes(StandardCharsets.US_ASCII);
        String actual = crypt(key, terminated(expected));
        return actual != null && MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), expected);
    }

    /** crypt(3) of a key and a zero-terminated setting; null where libxcrypt reports failure. */
    private String crypt(byte[] key, byte[] setting) {
        byte[] phrase = terminated(key);
        try (Memory data = new Memory(CRYPT_DATA_SIZE)) {
            Pointer result = functions.crypt_rn(phrase, setting, data, CRYPT_DATA_SIZE);
            // On failure libxcrypt returns null or a string starting with '*', which no hash does.
            String hash = result == null ? null : result.getString(0, StandardCharsets.US_ASCII.name());
            data.clear();
            return hash == null || hash.startsWith("*") ? null : hash;
        } finally {
            Arrays.fill(phrase, (byte) 0);
        }
    }

    private boolean agreesWithJavaLibrary() {
        byte[] salt = "Latchkey-salt-16".getBytes(StandardCharsets.US_ASCII);
        byte[][] keys = {new byte[0], "a".getBytes(StandardCharsets.US_ASCII),
                "пароль-密码-🔑".getBytes(StandardCharsets.UTF_8), "x".repeat(71).getBytes(StandardCharsets.US_ASCII)};
        for (byte[] key : keys) {
            String java = new String(BCrypt.with(BCrypt.Version.VERSION_2B).hash(4, salt, key), StandardCharsets.US_ASCII);
            if (!java.equals(crypt(key, terminated(java.getBytes(StandardCharsets.US_ASCII)))) || !verify(key, java)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] terminated(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length + 1);
    }
}
