package dev.latchkey.core.port;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Races a test provokes: attempts on threads of their own, released at one moment by a latch. */
public final class Simultaneously {

    private Simultaneously() {
    }

    /**
     * Runs {@code attempt.apply(i)} for each {@code i} below {@code count}, all released together, and
     * answers their outcomes in that order; an attempt's failure is thrown as {@link Future#get} throws it.
     */
    public static <T> List<T> run(int count, IntFunction<Callable<T>> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<T> one = attempt.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return one.call();
                }));
            }
            start.countDown();
            List<T> outcomes = new ArrayList<>();
            for (Future<T> result : results) {
                outcomes.add(result.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
