package dev.latchkey.nativecrypto;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.latchkey.core.crypto.BoundedPasswordHasher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * Hashing threads at a lower CPU priority: nice {@value #NICE} on Linux, where each thread has its
 * own nice value, set through libc. A login flood saturating the cores with bcrypt then yields to
 * request handling instead of starving it; with idle cores, hashing runs as fast as before.
 */
final class LowPriority {

    static final int NICE = 10;
    private static final int PRIO_PROCESS = 0;

    /** The C library functions used; they exist in glibc since 2.30 and in musl. */
    interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int priority);

        int getpriority(int which, int who);
    }

    private LowPriority() {
    }

    /**
     * Threads that lower their own priority before they run, if a probe thread could do so and read
     * the new value back; empty otherwise (not Linux, no JNA, no libc functions).
     */
    static java.util.Optional<ThreadFactory> threadsIfSupported() {
        LibC libc = load();
        if (libc == null || !probe(libc)) {
            return java.util.Optional.empty();
        }
        ThreadFactory plain = BoundedPasswordHasher.daemonThreads();
        return java.util.Optional.of(work -> plain.newThread(() -> {
            apply(libc);
            work.run();
        }));
    }

    /** Whether the calling thread now runs at nice {@value #NICE}. */
    static boolean apply(LibC libc) {
        try {
            int tid = libc.gettid();
            return libc.setpriority(PRIO_PROCESS, tid, NICE) == 0 && libc.getpriority(PRIO_PROCESS, tid) == NICE;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static boolean probe(LibC libc) {
        CompletableFuture<Boolean> applied = new CompletableFuture<>();
        Thread probe = new Thread(() -> applied.complete(apply(libc)), "latchkey-priority-check");
        probe.setDaemon(true);
        probe.start();
        return applied.join();
    }

    private static LibC load() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
