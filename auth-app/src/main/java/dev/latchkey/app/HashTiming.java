package dev.latchkey.app;

import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.BoundedPasswordHasher;
import dev.latchkey.nativecrypto.NativeCrypto;

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
 *
 * <p>{@code HashTiming <cost> <threads> pool} prints instead how many checks per second the server's
 * hashing pool ({@link BoundedPasswordHasher}, its threads and bcrypt engine as the server makes them)
 * completes with that many threads when work is always waiting, as in a login flood.
 * {@code HashTiming <cost> <threads> libxcrypt} prints what that many threads calling the bcrypt
 * engine directly (libxcrypt where it runs), with no pool, complete per second: the ceiling the pool
 * is measured against.
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
        NativeCrypto crypto = NativeCrypto.load();
        BcryptPasswordHasher hasher = new BcryptPasswordHasher(cost, crypto.bcrypt());
        String hash = hasher.hash(PASSWORD);
        if (args.length > 2 && args[2].equals("pool")) {
            System.out.printf(Locale.ROOT, "%.1f%n", saturatedPool(hasher, crypto, hash, threads));
            return;
        }
        if (args.length > 2 && args[2].equals("libxcrypt")) {
            System.out.printf(Locale.ROOT, "%.1f%n", direct(hasher, crypto, hash, threads));
            return;
        }
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

    /** Checks per second of a pool of {@code threads} kept full by three callers per thread, after a warm-up. */
    private static double saturatedPool(BcryptPasswordHasher hasher, NativeCrypto crypto, String hash, int threads)
            throws Exception {
        int callers = 3 * threads;
        try (BoundedPasswordHasher pool = new BoundedPasswordHasher(hasher, threads, callers, crypto.hashingThreads())) {
            ExecutorService callerThreads = Executors.newFixedThreadPool(callers);
            try {
                runCallers(callerThreads, callers, () -> pool.verify(PASSWORD, hash), WARMUP);
                long start = System.nanoTime();
                runCallers(callerThreads, callers, () -> pool.verify(PASSWORD, hash), ROUNDS);
                return callers * ROUNDS / ((System.nanoTime() - start) / 1e9);
            } finally {
                callerThreads.shutdown();
            }
        }
    }

    /**
     * Checks per second of {@code threads} threads each checking in a loop, with no pool and no queue,
     * after a warm-up; the threads are made as the pool's are, so both run at the same priority.
     */
    private static double direct(BcryptPasswordHasher hasher, NativeCrypto crypto, String hash, int threads)
            throws Exception {
        ExecutorService callerThreads = Executors.newFixedThreadPool(threads, crypto.hashingThreads());
        try {
            runCallers(callerThreads, threads, () -> hasher.verify(PASSWORD, hash), WARMUP);
            long start = System.nanoTime();
            runCallers(callerThreads, threads, () -> hasher.verify(PASSWORD, hash), ROUNDS);
            return threads * ROUNDS / ((System.nanoTime() - start) / 1e9);
        } finally {
            callerThreads.shutdown();
        }
    }

    private static void runCallers(ExecutorService threads, int callers, Runnable check, int rounds) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            running.add(threads.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    check.run();
                }
            }));
        }
        for (Future<?> caller : running) {
            caller.get();
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
