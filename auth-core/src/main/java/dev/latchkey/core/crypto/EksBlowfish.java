package dev.latchkey.core.crypto;

import java.math.BigInteger;

/**
 * The costly part of bcrypt (Provos and Mazières' "expensive key schedule Blowfish"), written to
 * compute two hashes at once on one thread.
 *
 * <p>One bcrypt hash is a chain of about two million Blowfish encryptions at cost 12, each waiting
 * for the one before, and most of each encryption is the core waiting for its S-box loads. Two
 * independent chains interleaved fill those waits with each other's work: on the machines measured in
 * {@code docs/performance.md} two hashes took about 215 ms together, where one took 172 ms in
 * libxcrypt's C and 203 ms in Java. Password crackers have interleaved bcrypt like this for decades,
 * so it gives an attacker nothing new; it lets a server check more logins per core at the same cost.
 *
 * <p>Inputs are what bcrypt itself reads: a 16-byte salt and a key of 1 to 72 bytes (the password's
 * bytes with the terminating zero that {@code $2b$} adds). The output is the 23 bytes a {@code $2b$}
 * hash encodes, the same as the at.favre library's (checked by {@code PairedBcryptTest}).
 */
final class EksBlowfish {

    /** Where the P-array starts in a state: the four S-boxes (4 × 256 words) come first. */
    private static final int P = 1024;
    private static final int STATE_WORDS = 1024 + 18;
    /** "OrpheanBeholderScryDoubt", the text every bcrypt hash encrypts 64 times at the end. */
    private static final int[] MAGIC = {0x4f727068, 0x65616e42, 0x65686f6c, 0x64657253, 0x63727944, 0x6f756274};

    private EksBlowfish() {
    }

    /** The 23-byte bcrypt results of two passwords at the same cost, computed together. */
    static byte[][] pair(int cost, byte[] saltA, byte[] keyA, byte[] saltB, byte[] keyB) {
        int[] a = initialState(saltA, keyA);
        int[] b = initialState(saltB, keyB);
        int[] keyWordsA = cycled(keyA, 18);
        int[] keyWordsB = cycled(keyB, 18);
        int[] saltWordsA = cycled(saltA, 18);
        int[] saltWordsB = cycled(saltB, 18);
        for (long round = 1L << cost; round > 0; round--) {
            expandPair(a, keyWordsA, b, keyWordsB);
            expandPair(a, saltWordsA, b, saltWordsB);
        }
        return new byte[][] {result(a), result(b)};
    }

    /** Blowfish's initial state keyed with the password and the salt: the first, salted expansion. */
    private static int[] initialState(byte[] salt, byte[] key) {
        int[] state = PiDigits.STATE.clone();
        int[] keyWords = cycled(key, 18);
        int[] saltWords = cycled(salt, 4);
        for (int i = 0; i < 18; i++) {
            state[P + i] ^= keyWords[i];
        }
        int left = 0;
        int right = 0;
        for (int block = 0; block < STATE_WORDS / 2; block++) {
            left ^= saltWords[(2 * block) % 4];
            right ^= saltWords[(2 * block + 1) % 4];
            long encrypted = encrypt(state, left, right);
            left = (int) (encrypted >>> 32);
            right = (int) encrypted;
            store(state, block, left, right);
        }
        return state;
    }

    /**
     * bcrypt's unsalted expansion, on two states at once: XOR the key into the P-array, then replace
     * the P-array and the S-boxes with a chain of encryptions under the changing state. The two chains
     * never touch each other; they are written side by side so that the processor runs them together.
     */
    private static void expandPair(int[] a, int[] keyA, int[] b, int[] keyB) {
        for (int i = 0; i < 18; i++) {
            a[P + i] ^= keyA[i];
            b[P + i] ^= keyB[i];
        }
        int leftA = 0;
        int rightA = 0;
        int leftB = 0;
        int rightB = 0;
        for (int block = 0; block < STATE_WORDS / 2; block++) {
            leftA ^= a[P];
            leftB ^= b[P];
            for (int i = 1; i <= 16; i += 2) {
                rightA ^= f(a, leftA) ^ a[P + i];
                rightB ^= f(b, leftB) ^ b[P + i];
                leftA ^= f(a, rightA) ^ a[P + i + 1];
                leftB ^= f(b, rightB) ^ b[P + i + 1];
            }
            int swapped = rightA ^ a[P + 17];
            rightA = leftA;
            leftA = swapped;
            swapped = rightB ^ b[P + 17];
            rightB = leftB;
            leftB = swapped;
            store(a, block, leftA, rightA);
            store(b, block, leftB, rightB);
        }
    }

    /** Blowfish's round function. */
    private static int f(int[] s, int x) {
        return ((s[x >>> 24] + s[0x100 | ((x >>> 16) & 0xff)]) ^ s[0x200 | ((x >>> 8) & 0xff)]) + s[0x300 | (x & 0xff)];
    }

    /** One Blowfish encryption of (left, right) under the state, returned as left &lt;&lt; 32 | right. */
    private static long encrypt(int[] s, int left, int right) {
        left ^= s[P];
        for (int i = 1; i <= 16; i += 2) {
            right ^= f(s, left) ^ s[P + i];
            left ^= f(s, right) ^ s[P + i + 1];
        }
        return ((long) (right ^ s[P + 17]) << 32) | (left & 0xffffffffL);
    }

    /** The expansion's block-th output goes to the P-array first (9 blocks), then through the S-boxes. */
    private static void store(int[] state, int block, int left, int right) {
        int at = block < 9 ? P + 2 * block : 2 * (block - 9);
        state[at] = left;
        state[at + 1] = right;
    }

    /** Encrypts the magic text 64 times; bcrypt keeps 23 of its 24 bytes. */
    private static byte[] result(int[] state) {
        int[] text = MAGIC.clone();
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < text.length; j += 2) {
                long encrypted = encrypt(state, text[j], text[j + 1]);
                text[j] = (int) (encrypted >>> 32);
                text[j + 1] = (int) encrypted;
            }
        }
        byte[] bytes = new byte[23];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (text[i / 4] >>> (24 - 8 * (i % 4)));
        }
        return bytes;
    }

    /** {@code count} big-endian words read from {@code bytes}, starting over at its end as often as needed. */
    private static int[] cycled(byte[] bytes, int count) {
        int[] words = new int[count];
        int at = 0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 4; j++) {
                words[i] = (words[i] << 8) | (bytes[at] & 0xff);
                at = (at + 1) % bytes.length;
            }
        }
        return words;
    }

    /**
     * Blowfish's initial S-boxes and P-array: the hexadecimal digits of π after the point, S-boxes
     * after the P-array. They are computed (Machin's formula, about a tenth of a second once, on first
     * use) rather than written out as 1,042 constants; {@code PairedBcryptTest} checks them against
     * published words.
     */
    static final class PiDigits {

        static final int[] STATE = state();

        private PiDigits() {
        }

        private static int[] state() {
            int words = STATE_WORDS;
            int guardBits = 64;
            int bits = 32 * words + guardBits;
            // π = 16·atan(1/5) − 4·atan(1/239), in fixed point with `bits` fractional bits
            BigInteger pi = arctanOfInverse(5, bits).shiftLeft(4).subtract(arctanOfInverse(239, bits).shiftLeft(2));
            BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(guardBits);
            int[] digits = new int[words];
            for (int i = 0; i < words; i++) {
                digits[i] = fraction.shiftRight(32 * (words - 1 - i)).intValue();
            }
            int[] state = new int[STATE_WORDS];
            System.arraycopy(digits, 0, state, P, 18);
            System.arraycopy(digits, 18, state, 0, 1024);
            return state;
        }

        /** atan(1/x) with {@code bits} fractional bits: the series 1/x − 1/(3x³) + 1/(5x⁵) − … */
        private static BigInteger arctanOfInverse(int x, int bits) {
            BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(x));
            BigInteger xSquared = BigInteger.valueOf((long) x * x);
            BigInteger sum = power;
            for (int n = 3, sign = -1; power.signum() != 0; n += 2, sign = -sign) {
                power = power.divide(xSquared);
                BigInteger term = power.divide(BigInteger.valueOf(n));
                sum = sign < 0 ? sum.subtract(term) : sum.add(term);
            }
            return sum;
        }
    }
}
