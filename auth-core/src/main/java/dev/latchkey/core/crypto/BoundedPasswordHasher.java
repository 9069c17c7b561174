package dev.latchkey.core.crypto;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.port.PasswordHasher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs hashing on a fixed set of threads with a bounded queue, so that a flood of logins cannot take
 * every request thread: when the queue is full, the caller is told to come back later instead of
 * waiting. The threads come from a {@link ThreadFactory}: plain daemon threads unless another is
 * given (the server's make threads that give way to request handling when both want the cores).
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher delegate;
    private final BlockingQueue<PasswordWork<?>> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** A pool of plain daemon threads named {@code latchkey-hash-1}, {@code -2}, ... */
    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueLength) {
        this(delegate, threads, queueLength, daemonThreads());
    }

    /** A pool whose threads {@code threadFactory} makes; it is asked for {@code threads} of them at once. */
    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueLength, ThreadFactory threadFactory) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one hashing thread is needed");
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.queue = new ArrayBlockingQueue<>(queueLength);
        for (int i = 1; i <= threads; i++) {
            Thread thread = threadFactory.newThread(this::work);
            if (thread == null) {
                throw new IllegalStateException("the thread factory made no hashing thread");
            }
            thread.start();
            this.threads.add(thread);
        }
    }

    /** Daemon threads named {@code latchkey-hash-N}: hashing never keeps the JVM alive on its own. */
    public static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, "latchkey-hash-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String hash(String password) {
        return submit(new PasswordWork.NewHash(password));
    }

    @Override
    public boolean verify(String password, String hash) {
        return submit(new PasswordWork.Check(password, hash));
    }

    @Override
    public boolean needsRehash(String hash) {
        return delegate.needsRehash(hash);
    }

    @Override
    public String unknownAccountHash() {
        return delegate.unknownAccountHash();
    }

    /** Hashing work waiting for a thread. */
    public int queued() {
        return queue.size();
    }

    private <T> T submit(PasswordWork<T> work) {
        if (closed || !queue.offer(work)) {
            throw new AuthFailure.Unavailable("password hashing is saturated", RETRY_AFTER);
        }
        if (closed) {
            answerWaitingAsStopped(); // closed between the check and the offer: nobody else would
        }
        try {
            return work.answer().get();
        } catch (InterruptedException e) {
            work.answer().cancel(false);
            queue.remove(work); // frees its place; a hashing thread that already took it skips it
            Thread.currentThread().interrupt();
            throw new AuthFailure.Unavailable("interrupted while hashing", RETRY_AFTER);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A hashing thread: one piece of work at a time. */
    private void work() {
        try {
            while (!closed) {
                PasswordWork<?> work = nextWanted(queue.take());
                if (work != null) {
                    work.doAlone(delegate);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** The work, unless its caller has stopped waiting for it; null for none. */
    private static PasswordWork<?> nextWanted(PasswordWork<?> work) {
        return work == null || work.answer().isDone() ? null : work;
    }

    /** Stops the hashing threads; work still waiting is answered as unavailable. */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        answerWaitingAsStopped();
    }

    private void answerWaitingAsStopped() {
        for (PasswordWork<?> waiting; (waiting = queue.poll()) != null; ) {
            waiting.answer().completeExceptionally(new AuthFailure.Unavailable("password hashing has stopped", RETRY_AFTER));
        }
    }
}
