package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuthFailure;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.config.JdbiConfig;

import java.sql.SQLException;

/**
 * How this adapter's repositories reach the database: a call is refused at once while the
 * {@link CircuitBreaker} is open, a lost connection or failing storage becomes
 * {@link AuthFailure.Unavailable} (so no layer above sees {@code java.sql}), and a write returns only
 * once it is on the disk when the database leaves syncing to its caller ({@link GroupSync}).
 *
 * <p>It travels in the {@link Jdbi} instance's configuration: {@link Database#open} sets the breaker
 * and the sync, and a {@code Jdbi} made elsewhere gets the translation alone.
 */
public final class DatabaseGuard implements JdbiConfig<DatabaseGuard> {

    private CircuitBreaker breaker;
    private GroupSync sync;

    /** No breaker and no sync: failures are translated, nothing more. */
    public DatabaseGuard() {
    }

    private DatabaseGuard(DatabaseGuard other) {
        this.breaker = other.breaker;
        this.sync = other.sync;
    }

    @Override
    public DatabaseGuard createCopy() {
        return new DatabaseGuard(this);
    }

    void install(CircuitBreaker breaker, GroupSync sync) {
        this.breaker = breaker;
        this.sync = sync;
    }

    static DatabaseGuard of(Jdbi jdbi) {
        return jdbi.getConfig(DatabaseGuard.class);
    }

    /** A call that changes nothing. */
    <R> R read(Jdbi jdbi, HandleCallback<R, RuntimeException> callback) {
        refuseWhileOpen();
        try {
            return jdbi.withHandle(callback);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** A call that commits: answered once its commit is on the disk. */
    <R> R write(Jdbi jdbi, HandleCallback<R, RuntimeException> callback) {
        R result = read(jdbi, callback);
        awaitSynced();
        return result;
    }

    /** Several statements in one transaction, answered once it is on the disk. */
    <R> R writeInTransaction(Jdbi jdbi, HandleCallback<R, RuntimeException> callback) {
        return write(jdbi, handle -> handle.inTransaction(callback));
    }

    private void refuseWhileOpen() {
        if (breaker != null) {
            breaker.refuseWhileOpen();
        }
    }

    /** Waits for the sync that covers the caller's commit; the connection is back in the pool meanwhile. */
    void awaitSynced() {
        if (sync == null) {
            return;
        }
        try {
            sync.awaitSynced();
        } catch (SQLException | RuntimeException e) {
            throw e instanceof RuntimeException r ? translate(r) : outage(e);
        }
    }

    private RuntimeException translate(RuntimeException e) {
        if (e instanceof AuthFailure) {
            return e;
        }
        if (Outages.isOutage(e)) {
            return outage(e);
        }
        if (Outages.isPoolExhausted(e)) {
            return new AuthFailure.Unavailable("no database connection free", CircuitBreaker.RETRY_AFTER);
        }
        return e;
    }

    private AuthFailure.Unavailable outage(Throwable e) {
        return breaker != null ? breaker.trip(e) : CircuitBreaker.unavailable();
    }
}
