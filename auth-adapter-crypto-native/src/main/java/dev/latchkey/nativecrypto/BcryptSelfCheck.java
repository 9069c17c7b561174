package dev.latchkey.nativecrypto;

import dev.latchkey.core.crypto.BcryptEngine;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.JavaBcrypt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Whether a bcrypt engine agrees with the plain one ({@link JavaBcrypt}) on fixed vectors, run once
 * at start before the engine serves: engine against engine on raw keys, and hasher against hasher on
 * passwords with U+0000, over 72 bytes and non-ASCII, on new hashes (fresh salts) both ways, and on
 * published {@code $2a$}, {@code $2b$} and {@code $2y$} hashes. Any disagreement or failure means the
 * plain engine serves instead.
 */
final class BcryptSelfCheck {

    private static final int COST = 4;
    private static final String SETTING = "$2b$04$LatchkeySelfCheckSalt.";
    private static final List<byte[]> KEYS = List.of(
            new byte[0],
            "a".getBytes(StandardCharsets.US_ASCII),
            "U*U".getBytes(StandardCharsets.US_ASCII),
            "пароль-密码-🔑".getBytes(StandardCharsets.UTF_8),
            "x".repeat(71).getBytes(StandardCharsets.US_ASCII),
            highBytes());
    private static final List<String> PASSWORDS = List.of(
            "otter\u0000meadow", "\u0000", "y".repeat(72) + "1", "ж".repeat(39) + "a", "пароль-密码-🔑", "a");
    /** Published vectors of the bcrypt test suites: one password, the same hash under each prefix. */
    private static final String PUBLISHED_PASSWORD = "U*U";
    private static final List<String> PUBLISHED = List.of(
            "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");

    private BcryptSelfCheck() {
    }

    static boolean agrees(BcryptEngine candidate) {
        try {
            return rawKeysAgree(candidate) && hashersAgree(candidate);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Every key without a zero byte must be computed (a declining engine would never serve) and alike. */
    private static boolean rawKeysAgree(BcryptEngine candidate) {
        JavaBcrypt plain = new JavaBcrypt();
        for (byte[] key : KEYS) {
            Optional<String> theirs = candidate.hash(key.clone(), SETTING);
            if (theirs.isEmpty() || !theirs.equals(plain.hash(key.clone(), SETTING))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hashersAgree(BcryptEngine candidate) {
        BcryptPasswordHasher theirs = new BcryptPasswordHasher(COST, candidate);
        BcryptPasswordHasher plain = new BcryptPasswordHasher(COST);
        for (String password : PASSWORDS) {
            String byThem = theirs.hash(password);
            String byPlain = plain.hash(password);
            if (byThem.equals(byPlain) || !byThem.startsWith("$2b$04$")
                    || !plain.verify(password, byThem) || !theirs.verify(password, byPlain)
                    || !theirs.verify(password, byThem) || theirs.verify(password + "!", byPlain)) {
                return false;
            }
        }
        for (String hash : PUBLISHED) {
            if (!theirs.verify(PUBLISHED_PASSWORD, hash) || theirs.verify("U*V", hash)) {
                return false;
            }
        }
        return !theirs.verify(PUBLISHED_PASSWORD, "$2a$99$" + PUBLISHED.get(0).substring(7));
    }

    /** 64 bytes with the high bit set in each, like a SHA-512-reduced long password, without a zero. */
    private static byte[] highBytes() {
        byte[] key = new byte[64];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x80 | (i * 37 + 11));
        }
        return key;
    }
}
