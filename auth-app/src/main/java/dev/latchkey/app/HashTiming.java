package dev.latchkey.app;

import dev.latchkey.core.crypto.BcryptPasswordHasher;

/**
 * Prints the median time in milliseconds of one bcrypt hash at the given cost, with the hasher the
 * server uses. {@code bench/run} divides the cores by it to get the login limit of the machine.
 */
final class HashTiming {

    private static final int WARMUP = 3;
    private static final int ROUNDS = 9;

    private HashTiming() {
    }

    public static void main(String[] args) {
        int cost = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        BcryptPasswordHasher hasher = new BcryptPasswordHasher(cost);
        String hash = hasher.hash("warm-up-password");
        for (int i = 0; i < WARMUP; i++) {
            hasher.verify("warm-up-password", hash);
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            hasher.verify("warm-up-password", hash);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf(java.util.Locale.ROOT, "%.1f%n", nanos[ROUNDS / 2] / 1e6);
    }
}
