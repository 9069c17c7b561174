package dev.latchkey.core.crypto;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.port.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedPasswordHasherTest {

    /**
     * Hashes by echoing, but only once the test lets it; tells when a hash has started, and records
     * the work it was given.
     */
    private static final class GatedHasher implements PasswordHasher {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> done = new CopyOnWriteArrayList<>();

        @Override
        public String hash(String password) {
            done.add(password);
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
        awaitQueued(bounded, 1);
        return new CompletableFuture<?>[] {running, queued};
    }

    private static void awaitQueued(BoundedPasswordHasher hasher, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hasher.queued() != count) {
            assertThat(System.nanoTime()).as("%d calls queued in time", count).isLessThan(deadline);
            Thread.onSpinWait();
        }
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
    void waitingWorkIsDoneOneAtATimeInTheOrderItCame() throws Exception {
        BoundedPasswordHasher deeper = new BoundedPasswordHasher(delegate, 1, 2);
        try {
            CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> deeper.hash("one"), callers);
            assertThat(delegate.started.await(30, TimeUnit.SECONDS)).as("first hash started").isTrue();
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> deeper.hash("two"), callers);
            awaitQueued(deeper, 1);
            CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> deeper.verify("three", "hash:three"), callers);
            awaitQueued(deeper, 2);

            delegate.release.countDown();

            assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("hash:one");
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("hash:two");
            assertThat(third.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(delegate.done).containsExactly("one", "two", "three");
        } finally {
            deeper.close();
        }
    }

    @Test
    void workWhoseCallerStoppedWaitingIsSkipped() throws Exception {
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> bounded.hash("one"), callers);
        assertThat(delegate.started.await(30, TimeUnit.SECONDS)).as("first hash started").isTrue();
        AtomicReference<Throwable> callerSaw = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                bounded.hash("abandoned");
            } catch (RuntimeException e) {
                callerSaw.set(e);
            }
        });
        caller.start();
        awaitQueued(bounded, 1);
        caller.interrupt();
        caller.join(30_000);
        assertThat(callerSaw.get()).isInstanceOf(AuthFailure.Unavailable.class);
        assertThat(bounded.queued()).as("its place in the queue is free again").isZero();

        delegate.release.countDown();

        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("hash:one");
        assertThat(bounded.hash("after")).isEqualTo("hash:after");
        assertThat(delegate.done).containsExactly("one", "after");
    }

    @Test
    void closingAnswersWaitingWorkAsUnavailable() throws Exception {
        CompletableFuture<?>[] pending = saturate();

        bounded.close();

        assertThatThrownBy(() -> pending[1].get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(AuthFailure.Unavailable.class);
        assertThatThrownBy(() -> bounded.hash("after close")).isInstanceOf(AuthFailure.Unavailable.class);
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
    void hashingThreadsComeFromTheGivenFactory() {
        List<Thread> made = new CopyOnWriteArrayList<>();
        ThreadFactory factory = work -> {
            Thread thread = new Thread(work, "test-hash-" + made.size());
            thread.setDaemon(true);
            made.add(thread);
            return thread;
        };
        BoundedPasswordHasher named = new BoundedPasswordHasher(new PasswordHasher() {
            @Override
            public String hash(String password) {
                return Thread.currentThread().getName();
            }

            @Override
            public boolean verify(String password, String hash) {
                return false;
            }

            @Override
            public boolean needsRehash(String hash) {
                return false;
            }
        }, 2, 1, factory);
        try {
            assertThat(made).hasSize(2);
            assertThat(named.hash("x")).startsWith("test-hash-");
        } finally {
            named.close();
        }
    }

    @Test
    void plainHashingThreadsAreNamedDaemons() {
        Thread thread = BoundedPasswordHasher.daemonThreads().newThread(() -> { });

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("latchkey-hash-1");
    }
}
