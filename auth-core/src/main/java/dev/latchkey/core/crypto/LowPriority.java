package dev.latchkey.core.crypto;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Lowers the CPU priority of the calling thread to nice {@value #NICE} on Linux, where each thread
 * has its own nice value. Hashing threads call it, so that a login flood saturating the cores with
 * bcrypt yields to request handling instead of starving it; with idle cores, hashing runs as fast as
 * before. Elsewhere, or without JNA, it does nothing.
 */
final class LowPriority {

    static final int NICE = 10;
    private static final int PRIO_PROCESS = 0;

    /** The two C library functions used; both exist in glibc since 2.30 and in musl. */
    interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int priority);
    }

    private LowPriority() {
    }

    /** Whether the calling thread now runs at nice {@value #NICE}. */
    static boolean applyToCurrentThread() {
        try {
            return Holder.LIBC != null && Holder.LIBC.setpriority(PRIO_PROCESS, Holder.LIBC.gettid(), NICE) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false; // not Linux, no JNA, or no gettid: the thread keeps its priority
        }
    }

    /** Loaded on first use, so that a missing JNA surfaces inside the try above. */
    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            if (!System.getProperty("os.name", "").startsWith("Linux")) {
                return null;
            }
            return Native.load("c", LibC.class);
        }
    }
}
