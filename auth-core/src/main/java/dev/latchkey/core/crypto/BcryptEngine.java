package dev.latchkey.core.crypto;

import java.util.Optional;

/**
 * One implementation of the bcrypt function itself, which {@link BcryptPasswordHasher} is composed
 * with. The hasher does everything around it (salts, long passwords, reading stored hashes,
 * comparing), so an engine only computes: {@link JavaBcrypt} is the plain one and always answers;
 * another (e.g. a native library) may decline a key it cannot take, and the plain one computes it.
 */
public interface BcryptEngine {

    /** A short name for logs and the start-up line, e.g. {@code java}. */
    String name();

    /**
     * The {@code $2b$} hash of {@code key} under {@code setting}.
     *
     * @param key     at most 71 bytes, without the terminating zero bcrypt adds
     * @param setting {@code $2b$}, a two-digit cost between 4 and 31, {@code $} and 22 characters of
     *                salt in bcrypt's base 64 (a 16-byte salt, written canonically)
     * @return the 60-character hash, or empty where this engine cannot take this key
     */
    Optional<String> hash(byte[] key, String setting);
}
