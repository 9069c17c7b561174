package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuthFailure;

import java.sql.SQLException;

/**
 * Group commit for a database that leaves syncing its file to the caller (H2): a write that has
 * committed waits here until a sync that began after its commit has finished. The first waiter runs
 * the sync; whoever commits meanwhile waits for the next one, which then covers all of them, so one
 * sync answers every write waiting on it and throughput holds while each answer means "on disk".
 */
final class GroupSync {

    /** Forces everything committed so far to the disk. */
    interface Sync {
        void run() throws SQLException;
    }

    private final Sync sync;
    private final Object lock = new Object();
    /** Commits registered so far, numbered from 1. */
    private long committed;
    /** Every commit numbered up to this is on the disk. */
    private long synced;
    private boolean syncing;

    GroupSync(Sync sync) {
        this.sync = sync;
    }

    /**
     * Returns once the caller's commit (made before this call) is on the disk; throws the sync's
     * failure otherwise, and {@link AuthFailure.Unavailable} when interrupted.
     */
    void awaitSynced() throws SQLException {
        long ticket;
        synchronized (lock) {
            ticket = ++committed;
        }
        while (true) {
            long upTo;
            synchronized (lock) {
                while (synced < ticket && syncing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AuthFailure.Unavailable("interrupted while syncing", CircuitBreaker.RETRY_AFTER);
                    }
                }
                if (synced >= ticket) {
                    return;
                }
                syncing = true;
                upTo = committed;
            }
            boolean done = false;
            try {
                sync.run();
                done = true;
            } finally {
                synchronized (lock) {
                    syncing = false;
                    if (done) {
                        synced = Math.max(synced, upTo);
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    /** Commits not yet known to be on the disk; for tests. */
    long pending() {
        synchronized (lock) {
            return committed - synced;
        }
    }
}
