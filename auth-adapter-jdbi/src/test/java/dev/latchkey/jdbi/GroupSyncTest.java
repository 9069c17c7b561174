package dev.latchkey.jdbi;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupSyncTest {

    @Test
    void aLoneWriteRunsItsOwnSync() throws Exception {
        AtomicInteger syncs = new AtomicInteger();
        GroupSync group = new GroupSync(syncs::incrementAndGet);

        group.awaitSynced();
        group.awaitSynced();

        assertThat(syncs).hasValue(2);
        assertThat(group.pending()).isZero();
    }

    @Test
    void writesCommittedDuringASyncAreAllReleasedByTheNextOne() throws Exception {
        CountDownLatch firstSyncRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicInteger syncs = new AtomicInteger();
        GroupSync group = new GroupSync(() -> {
            if (syncs.incrementAndGet() == 1) {
                firstSyncRunning.countDown();
                await(releaseFirstSync);
            }
        });
        ExecutorService writers = Executors.newFixedThreadPool(11);
        try {
            List<CompletableFuture<Void>> answered = new ArrayList<>();
            answered.add(CompletableFuture.runAsync(() -> synced(group), writers));
            assertThat(firstSyncRunning.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 10; i++) {
                answered.add(CompletableFuture.runAsync(() -> synced(group), writers));
            }
            Await.until("ten writes waiting behind the first", () -> group.pending() == 11);
            assertThat(answered).noneMatch(CompletableFuture::isDone);

            releaseFirstSync.countDown();
            CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(syncs).as("one sync for the first write, one for the ten behind it").hasValue(2);
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aFailedSyncFailsTheWriteAndTheNextWriteSyncsAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupSync group = new GroupSync(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new SQLException("No space left on device", "90028");
            }
        });

        assertThatThrownBy(group::awaitSynced).isInstanceOf(SQLException.class);
        group.awaitSynced();

        assertThat(calls).hasValue(2);
        assertThat(group.pending()).isZero();
    }

    private static void synced(GroupSync group) {
        try {
            group.awaitSynced();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
