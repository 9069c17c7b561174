package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.latchkey.core.port.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bcrypt at a configured cost. bcrypt reads only 72 bytes of a password; longer passwords are first
 * reduced with SHA-512, so every character counts and nothing is silently cut off.
 *
 * <p>Hashes are {@code $2b$} strings made by the at.favre bcrypt library. Where the system's
 * libxcrypt is present and reproduces that library's hashes ({@link Libxcrypt}), it computes them
 * instead, about a third faster; the hashes are the same either way, so each verifies the other's.
 * Keys holding a zero byte (a password with U+0000, or the SHA-512 of a long one) always go to the
 * Java library, because C strings end there.
 *
 * <p>Given two pieces of work at once ({@link #doTogether}, as {@link BoundedPasswordHasher} does
 * when two are waiting), it computes both on one thread with {@link EksBlowfish}, in little more
 * time than one: that is where a login flood's throughput comes from.
 */
public final class BcryptPasswordHasher implements PairingPasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);
    private static final int SALT_BYTES = 16;
    /** A {@code $2b$} hash: cost, 22 characters of salt, 31 of result. */
    private static final Pattern TWO_B = Pattern.compile("\\$2b\\$(\\d\\d)\\$([./A-Za-z0-9]{22})[./A-Za-z0-9]{31}");
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** bcrypt's own base-64 alphabet; bits are grouped as in standard base 64. */
    private static final String BCRYPT_BASE64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LONG_PASSWORDS);
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LONG_PASSWORDS);
    private final Libxcrypt libxcrypt;
    private final SecureRandom random = new SecureRandom();

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

    /**
     * Does two pieces of work in one pass of {@link EksBlowfish} where both are plain {@code $2b$}
     * work at the same cost, which is all of a server's work but for hashes made elsewhere; otherwise
     * one after the other. The hashes are the same as the single path's.
     */
    @Override
    public void doTogether(PasswordWork<?> first, PasswordWork<?> second) {
        Input a = null;
        Input b = null;
        try {
            a = input(first);
            b = input(second);
            if (a == null || b == null || a.cost != b.cost) {
                first.doAlone(this);
                second.doAlone(this);
                return;
            }
            byte[][] results = EksBlowfish.pair(a.cost, a.salt, a.key, b.salt, b.key);
            answer(first, a, results[0]);
            answer(second, b, results[1]);
        } catch (RuntimeException | Error e) {
            first.answer().completeExceptionally(e); // no effect on work already answered
            second.answer().completeExceptionally(e);
        } finally {
            for (Input input : new Input[] {a, b}) {
                if (input != null) {
                    Arrays.fill(input.key, (byte) 0);
                }
            }
        }
    }

    /** What bcrypt reads for one piece of work: cost, salt, and the key with its terminating zero. */
    private record Input(int cost, byte[] salt, byte[] key) {
        @Override
        public String toString() {
            return "Input[cost=" + cost + "]"; // the key is the password
        }
    }

    /** The input of a piece of work, or null where the work is not plain {@code $2b$} work. */
    private Input input(PasswordWork<?> work) {
        byte[] salt;
        int workCost;
        if (work instanceof PasswordWork.Check check) {
            Matcher hash = TWO_B.matcher(check.hash());
            if (!hash.matches() || (salt = canonicalSalt(hash.group(2))) == null) {
                return null;
            }
            workCost = Integer.parseInt(hash.group(1));
            if (workCost < BCrypt.MIN_COST || workCost > BCrypt.MAX_COST) {
                return null;
            }
        } else {
            salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            workCost = cost;
        }
        byte[] key = key(work.password());
        return new Input(workCost, salt, Arrays.copyOf(key, key.length + 1));
    }

    private static void answer(PasswordWork<?> work, Input input, byte[] result) {
        String hash = String.format(Locale.ROOT, "$2b$%02d$%s%s", input.cost, encode(input.salt), encode(result));
        if (work instanceof PasswordWork.NewHash newHash) {
            newHash.answer().complete(hash);
        } else if (work instanceof PasswordWork.Check check) {
            check.answer().complete(MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                    check.hash().getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static String encode(byte[] bytes) {
        return translate(Base64.getEncoder().withoutPadding().encodeToString(bytes), BASE64, BCRYPT_BASE64);
    }

    /** The 16 salt bytes written in a hash, or null where another text would decode to the same bytes. */
    private static byte[] canonicalSalt(String text) {
        byte[] salt = Base64.getDecoder().decode(translate(text, BCRYPT_BASE64, BASE64));
        return salt.length == SALT_BYTES && encode(salt).equals(text) ? salt : null;
    }

    private static String translate(String text, String from, String to) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = to.charAt(from.indexOf(chars[i]));
        }
        return new String(chars);
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
