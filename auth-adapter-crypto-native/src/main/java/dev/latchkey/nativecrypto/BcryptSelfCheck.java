package dev.latchkey.nativecrypto;

import dev.latchkey.core.crypto.BcryptEngine;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.JavaBcrypt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a bcrypt engine computes what the plain one ({@link JavaBcrypt}) computes, run once at
 * start before the engine serves. It checks known answers, as a self-test of a cryptographic module
 * does: results of the plain engine written down here (and checked against it by the tests), so that
 * the start spends no time computing them again in Java. Raw keys, non-ASCII and up to 72 bytes;
 * passwords through the hasher, over 72 bytes and non-ASCII; new hashes (fresh salts) checked back;
 * published {@code $2a$}, {@code $2b$} and {@code $2y$} hashes. Any disagreement or failure means the
 * plain engine serves instead. (Keys with a zero byte never reach a native engine: it declines them
 * and the plain one computes them.)
 */
final class BcryptSelfCheck {

    private static final int COST = 4;
    private static final String SETTING = "$2b$04$LatchkeySelfCheckSalt.";
    /** Raw keys and what the plain engine computes for each under {@link #SETTING}. */
    static final List<Known> KEYS = List.of(
            new Known(new byte[0], SETTING + "IdGImBKfr0lQZ8b36NZ8Fk6T59ZYrIW"),
            new Known("a".getBytes(StandardCharsets.US_ASCII), SETTING + "Z5CY9a0VKiWobYiy0OmtSXNGMf7/lZq"),
            new Known("U*U".getBytes(StandardCharsets.US_ASCII), SETTING + "gqpFd2VGCCxTczrhUW7YFy9Pr/wIvNO"),
            new Known("пароль-密码-🔑".getBytes(StandardCharsets.UTF_8), SETTING + "9lAHa9UEN/Q5omiOjaHQySk8eAA7BsK"),
            new Known("x".repeat(71).getBytes(StandardCharsets.US_ASCII), SETTING + "NW/Q1YLbZ/8q6hzO5.cua1/sYysZmXW"),
            new Known(highBytes(), SETTING + "SUtCHEFLGd6xZInWpGgNEyZLJXlKaYa"));
    /**
     * Passwords and their hashes by the plain hasher under {@link #SETTING}. Over 72 bytes a password
     * is reduced with SHA-512 first; these two reduce to keys without a zero byte (also with a "!"
     * added), so the candidate computes them rather than declining them to the Java engine.
     */
    static final Map<String, String> PASSWORDS = Map.of(
            "z".repeat(80), SETTING + "f4DSkAofoLdMnmF.W9aRaxLsnhLxH7e",
            "ж".repeat(40), SETTING + "D6msutOS9nsFv3fylnhGhtjWsRLzqTq",
            "пароль-密码-🔑", SETTING + "9lAHa9UEN/Q5omiOjaHQySk8eAA7BsK",
            "a", SETTING + "Z5CY9a0VKiWobYiy0OmtSXNGMf7/lZq");
    private static final String FRESH_PASSWORD = "пароль-密码-🔑";
    /** Published vectors of the bcrypt test suites: one password, the same hash under each prefix. */
    private static final String PUBLISHED_PASSWORD = "U*U";
    private static final List<String> PUBLISHED = List.of(
            "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");

    /** A raw key and its hash; {@link #key()} is a copy each time (an engine may clear what it is given). */
    record Known(byte[] key, String hash) {
        @Override
        public byte[] key() {
            return key.clone();
        }
    }

    private BcryptSelfCheck() {
    }

    static boolean agrees(BcryptEngine candidate) {
        try {
            return rawKeysAgree(candidate) && hasherAgrees(candidate);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Every key must be computed (a declining engine would never serve) and alike. */
    private static boolean rawKeysAgree(BcryptEngine candidate) {
        for (Known known : KEYS) {
            if (!candidate.hash(known.key(), SETTING).equals(Optional.of(known.hash()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasherAgrees(BcryptEngine candidate) {
        BcryptPasswordHasher theirs = new BcryptPasswordHasher(COST, candidate);
        for (Map.Entry<String, String> known : PASSWORDS.entrySet()) {
            if (!theirs.verify(known.getKey(), known.getValue()) || theirs.verify(known.getKey() + "!", known.getValue())) {
                return false;
            }
        }
        // A new hash, on a fresh salt, checks back.
        String fresh = theirs.hash(FRESH_PASSWORD);
        if (!fresh.startsWith("$2b$04$") || fresh.equals(theirs.hash(FRESH_PASSWORD))
                || !theirs.verify(FRESH_PASSWORD, fresh) || theirs.verify(FRESH_PASSWORD + "!", fresh)) {
            return false;
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
