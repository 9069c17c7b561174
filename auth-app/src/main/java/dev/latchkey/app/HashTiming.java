package dev.latchkey.app;

import dev.latchkey.core.crypto.BcryptPasswordHasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints the median time in milliseconds of one bcrypt hash at the given cost, with the hasher the
 * server uses, on one thread or on several at once ({@code HashTiming <cost> [threads]}).
 * {@code bench/run} divides the cores by it to get the login limit of the machine; with a thread per
 * core it also shows what one hash costs when every core hashes, as under a login flood.
 */
final class HashTiming {

    private static final int WARMUP = 3;
    private static final int ROUNDS = 9;
    private static final String PASSWORD = "warm-up-password";

    private HashTiming() {
    }

    public static void main(String[] args) throws Exception {
        int cost = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        BcryptPasswordHasher hasher = new BcryptPasswordHasher(cost);
        String hash = hasher.hash(PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> timings = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                timings.add(pool.submit(() -> time(hasher, hash)));
            }
            long[] all = new long[0];
            for (Future<long[]> timing : timings) {
                long[] mine = timing.get();
                int from = all.length;
                all = Arrays.copyOf(all, from + mine.length);
                System.arraycopy(mine, 0, all, from, mine.length);
            }
            Arrays.sort(all);
            System.out.printf(Locale.ROOT, "%.1f%n", all[all.length / 2] / 1e6);
        } finally {
            pool.shutdown();
        }
    }

    private static long[] time(BcryptPasswordHasher hasher, String hash) {
        for (int i = 0; i < WARMUP; i++) {
            hasher.verify(PASSWORD, hash);
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            hasher.verify(PASSWORD, hash);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
