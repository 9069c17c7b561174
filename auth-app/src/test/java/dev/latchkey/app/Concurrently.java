package dev.latchkey.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs requests at once: every thread waits at one gate, which opens when all are ready. Public for
 * the adversarial tests.
 */
public final class Concurrently {

    private Concurrently() {
    }

    public static <T> List<T> run(List<Supplier<T>> requests) {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Supplier<T> request : requests) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return request.get();
                }));
            }
            ready.await();
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    public static <T> List<T> times(int n, Supplier<T> request) {
        List<Supplier<T>> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(request);
        }
        return run(requests);
    }
}
