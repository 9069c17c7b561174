package dev.latchkey.core.crypto;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.port.PasswordHasher;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs hashing on a fixed pool with a bounded queue, so that a flood of logins cannot take every
 * request thread: when the queue is full, the caller is told to come back later instead of waiting.
 * The pool's threads run at a lower CPU priority where the system allows it ({@link LowPriority}),
 * so that hashing gives way to request handling when both want the cores.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher delegate;
    private final ThreadPoolExecutor pool;

    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueLength) {
        this.delegate = delegate;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueLength), r -> {
                    Thread t = new Thread(() -> {
                        LowPriority.applyToCurrentThread();
                        r.run();
                    }, "latchkey-hash-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public String hash(String password) {
        return run(() -> delegate.hash(password));
    }

    @Override
    public boolean verify(String password, String hash) {
        return run(() -> delegate.verify(password, hash));
    }

    @Override
    public boolean needsRehash(String hash) {
        return delegate.needsRehash(hash);
    }

    /** Hashing jobs waiting for a thread. */
    public int queued() {
        return pool.getQueue().size();
    }

    private <T> T run(Callable<T> job) {
        Future<T> future;
        try {
            future = pool.submit(job);
        } catch (RejectedExecutionException e) {
            throw new AuthFailure.Unavailable("password hashing is saturated", RETRY_AFTER);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AuthFailure.Unavailable("interrupted while hashing", RETRY_AFTER);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
