package dev.latchkey.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the work a request leaves behind once it is answered (a reset request's lookup of the account,
 * its token and its message) on a thread of its own, with a bounded queue: past the bound the work
 * is dropped and logged, never the request held up.
 */
final class AfterAnswer implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AfterAnswer.class);

    private final ThreadPoolExecutor pool;

    AfterAnswer(int capacity) {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "latchkey-after-answer");
            t.setDaemon(true);
            return t;
        }, (work, executor) -> log.error("work after an answer dropped: {} pieces already waiting", capacity));
    }

    @Override
    public void execute(Runnable work) {
        pool.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("work after an answer failed", e);
            }
        });
    }

    /** Gives the queued work up to {@code grace} to finish. */
    void close(Duration grace) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
