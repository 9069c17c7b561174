package dev.latchkey.core.crypto;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text of modular-crypt bcrypt hashes: {@code $2a$}, {@code $2b$} or {@code $2y$}, cost, salt, result. */
final class BcryptText {

    static final int MIN_COST = 4;
    static final int MAX_COST = 31;
    static final int SALT_BYTES = 16;
    /** bcrypt's result as written: 23 of the 24 bytes it computes, in 31 characters. */
    static final int RESULT_BYTES = 23;
    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$([./A-Za-z0-9]{22})[./A-Za-z0-9]{31}");
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** bcrypt's own base-64 alphabet; bits are grouped as in standard base 64. */
    private static final String BCRYPT_BASE64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private BcryptText() {
    }

    /**
     * The {@code $2b$} setting (cost and salt) that recomputes a stored hash, or empty where the hash
     * is not one bcrypt can check: another scheme, a cost out of range, a salt not written canonically.
     * {@code $2a$}, {@code $2b$} and {@code $2y$} compute alike for keys of at most 72 bytes.
     */
    static Optional<String> settingOf(String hash) {
        Matcher m = HASH.matcher(hash);
        if (!m.matches()) {
            return Optional.empty();
        }
        int cost = Integer.parseInt(m.group(1));
        String salt = m.group(2);
        if (cost < MIN_COST || cost > MAX_COST || !encode(decodeSalt(salt)).equals(salt)) {
            return Optional.empty();
        }
        return Optional.of(setting(cost, decodeSalt(salt)));
    }

    static String setting(int cost, byte[] salt) {
        return String.format(Locale.ROOT, "$2b$%02d$%s", cost, encode(salt));
    }

    /** A whole {@code $2b$} hash of the given parts. */
    static String hash(int cost, byte[] salt, byte[] result) {
        return setting(cost, salt) + encode(result);
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

    static byte[] decodeSalt(String text) {
        return Base64.getDecoder().decode(translate(text, BCRYPT_BASE64, BASE64));
    }

    private static String encode(byte[] bytes) {
        return translate(Base64.getEncoder().withoutPadding().encodeToString(bytes), BASE64, BCRYPT_BASE64);
    }

    private static String translate(String text, String from, String to) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = to.charAt(from.indexOf(chars[i]));
        }
        return new String(chars);
    }
}
