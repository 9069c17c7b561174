package dev.latchkey.core.crypto;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.port.PasswordHasher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;

/**
 * Runs hashing on a fixed set of threads with a bounded queue, so that a flood of logins cannot take
 * every request thread: when the queue is full, the caller is told to come back later instead of
 * waiting. A hashing thread that finds two pieces of work waiting hands both to a
 * {@link PairingPasswordHasher} at once (bcrypt computes two in little more than the time of one).
 * The threads run at a lower CPU priority where the system allows it ({@link LowPriority}), so that
 * hashing gives way to request handling when both want the cores.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher delegate;
    private final PairingPasswordHasher pairing;
    private final BlockingQueue<PasswordWork<?>> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueLength) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one hashing thread is needed");
        }
        this.delegate = delegate;
        this.pairing = delegate instanceof PairingPasswordHasher p ? p : null;
        this.queue = new ArrayBlockingQueue<>(queueLength);
        for (int i = 1; i <= threads; i++) {
            Thread thread = new Thread(this::work, "latchkey-hash-" + i);
            thread.setDaemon(true);
            thread.start();
            this.threads.add(thread);
        }
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

    /** A hashing thread: one piece of work at a time, or two together where two are waiting. */
    private void work() {
        LowPriority.applyToCurrentThread();
        try {
            while (!closed) {
                PasswordWork<?> first = nextWanted(queue.take());
                if (first == null) {
                    continue;
                }
                PasswordWork<?> second = pairing == null ? null : nextWanted(queue.poll());
                if (second == null) {
                    first.doAlone(delegate);
                } else {
                    pairing.doTogether(first, second);
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
