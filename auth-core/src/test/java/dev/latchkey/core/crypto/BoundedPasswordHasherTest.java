package dev.latchkey.core.crypto;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.port.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BoundedPasswordHasherTest {

    /** Hashes by echoing, but only once the test lets it; tells when a hash has started. */
    private static final class GatedHasher implements PasswordHasher {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String hash(String password) {
            started.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return "hash:" + password;
        }

        @Override
        public boolean verify(String password, String hash) {
            return hash.equals(hash(password));
        }

        @Override
        public boolean needsRehash(String hash) {
            return hash.startsWith("old:");
        }
    }

    private final GatedHasher delegate = new GatedHasher();
    private final BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        delegate.release.countDown();
        callers.shutdownNow();
        bounded.close();
    }

    /** Occupies the one thread, then fills the one queue slot; answers the two pending calls. */
    private CompletableFuture<?>[] saturate() throws InterruptedException {
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> bounded.hash("one"), callers);
        assertThat(delegate.started.await(30, TimeUnit.SECONDS)).as("first hash started").isTrue();
        CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(() -> bounded.verify("two", "hash:two"), callers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bounded.queued() < 1) {
            assertThat(System.nanoTime()).as("second call queued in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return new CompletableFuture<?>[] {running, queued};
    }

    @Test
    void callsPassThroughToTheDelegate() throws Exception {
        delegate.release.countDown();

        assertThat(bounded.hash("secret")).isEqualTo("hash:secret");
        assertThat(bounded.verify("secret", "hash:secret")).isTrue();
        assertThat(bounded.needsRehash("old:x")).isTrue();
    }

    @Test
    void callBeyondThePoolAndQueueIsUnavailable() throws Exception {
        saturate();

        assertThatThrownBy(() -> bounded.hash("three"))
                .isInstanceOfSatisfying(AuthFailure.Unavailable.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void waitingCallsCompleteOnceTheDelegateIsFree() throws Exception {
        CompletableFuture<?>[] pending = saturate();

        delegate.release.countDown();

        assertThat(pending[0].get(30, TimeUnit.SECONDS)).isEqualTo("hash:one");
        assertThat(pending[1].get(30, TimeUnit.SECONDS)).isEqualTo(true);
        assertThat(bounded.hash("three")).isEqualTo("hash:three");
    }

    @Test
    void needsRehashIsAnsweredEvenWhenSaturated() throws Exception {
        saturate();

        assertThat(bounded.needsRehash("old:x")).isTrue();
    }

    @Test
    void delegateFailureReachesTheCallerUnchanged() {
        BoundedPasswordHasher failing = new BoundedPasswordHasher(new PasswordHasher() {
            @Override
            public String hash(String password) {
                throw new IllegalArgumentException("boom");
            }

            @Override
            public boolean verify(String password, String hash) {
                return false;
            }

            @Override
            public boolean needsRehash(String hash) {
                return false;
            }
        }, 1, 1);
        try {
            assertThatThrownBy(() -> failing.hash("x")).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
        } finally {
            failing.close();
        }
    }

    @Test
    void hashingThreadsRunAtALowerCpuPriorityOnLinux() throws Exception {
        Path threadStat = Path.of("/proc/thread-self/stat");
        assumeTrue(Files.isReadable(threadStat), "no per-thread nice value to read on this system");
        BoundedPasswordHasher niceOfHashingThread = new BoundedPasswordHasher(new PasswordHasher() {
            @Override
            public String hash(String password) {
                try {
                    // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value; the command name (field 2) ends with ')'.
                    String stat = Files.readString(threadStat);
                    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public boolean verify(String password, String hash) {
                return false;
            }

            @Override
            public boolean needsRehash(String hash) {
                return false;
            }
        }, 1, 1);
        try {
            assertThat(niceOfHashingThread.hash("x")).isEqualTo(String.valueOf(LowPriority.NICE));
        } finally {
            niceOfHashingThread.close();
        }
    }
}
