package dev.latchkey.nativecrypto;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.latchkey.core.crypto.BcryptEngine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * bcrypt computed by the system's libxcrypt ({@code libcrypt.so.1}, the library behind
 * {@code crypt(3)} on Linux), called through JNA. Its bcrypt is the C implementation maintained with
 * OpenBSD's and takes about three quarters of the time of bcrypt in Java, which is what bounds the
 * login rate of a server.
 *
 * <p>It is given {@code $2b$} settings only ({@code BcryptPasswordHasher} checks {@code $2a$} and
 * {@code $2y$} hashes as {@code $2b$}, which compute alike), so libxcrypt's own handling of other
 * prefixes never matters. It declines keys holding a zero byte (C strings end there) and answers
 * nothing where libxcrypt reports a failure; the Java library computes those.
 */
final class Libxcrypt implements BcryptEngine {

    /** {@code sizeof(struct crypt_data)} in libxcrypt: the working memory of one call. */
    private static final int CRYPT_DATA_SIZE = 32768;

    /** The one function used; reentrant: all state lives in memory the caller passes. */
    interface Functions extends Library {
        Pointer crypt_rn(byte[] phrase, byte[] setting, Pointer data, int size);
    }

    private final Functions functions;

    private Libxcrypt(Functions functions) {
        this.functions = functions;
    }

    /** libxcrypt, if JNA and the library load; it is not checked here (see {@link BcryptSelfCheck}). */
    static Optional<BcryptEngine> load() {
        try {
            return Optional.of(new Libxcrypt(Native.load("crypt", Functions.class)));
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty(); // no JNA, no libcrypt, no native access
        }
    }

    @Override
    public String name() {
        return "libxcrypt";
    }

    @Override
    public Optional<String> hash(byte[] key, String setting) {
        for (byte b : key) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        byte[] phrase = Arrays.copyOf(key, key.length + 1);
        byte[] terminatedSetting = Arrays.copyOf(setting.getBytes(StandardCharsets.US_ASCII), setting.length() + 1);
        try (Memory data = new Memory(CRYPT_DATA_SIZE)) {
            Pointer result = functions.crypt_rn(phrase, terminatedSetting, data, CRYPT_DATA_SIZE);
            // On failure libxcrypt returns null or a string starting with '*', which no hash does.
            String hash = result == null ? null : result.getString(0, StandardCharsets.US_ASCII.name());
            data.clear();
            return hash == null || hash.startsWith("*") ? Optional.empty() : Optional.of(hash);
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(phrase, (byte) 0);
        }
    }
}
