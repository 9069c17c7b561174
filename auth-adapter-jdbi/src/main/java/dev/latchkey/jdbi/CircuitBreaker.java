package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuthFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the database may be asked. The first outage opens it, and from then on every call is
 * refused with {@link AuthFailure.Unavailable} at once, instead of each request waiting for a
 * connection that will not come; {@link Database}'s background probe closes it when the database
 * answers again. An episode is logged when it starts and when it ends, not per request.
 */
final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);
    /** What a refused client is told to wait: about how long the probe takes to notice a return. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final long CLOSED = 0;

    /** When the current episode began (System.nanoTime), or CLOSED. */
    private final AtomicLong openSince = new AtomicLong(CLOSED);

    boolean isClosed() {
        return openSince.get() == CLOSED;
    }

    /** Throws while open. */
    void refuseWhileOpen() {
        if (!isClosed()) {
            throw unavailable();
        }
    }

    /** Opens on an outage (logged when it opens an episode) and answers the failure to throw. */
    AuthFailure.Unavailable trip(Throwable outage) {
        long now = Math.max(1, System.nanoTime());
        if (openSince.compareAndSet(CLOSED, now)) {
            LOG.warn("database unavailable: requests that need it are answered 503 until it answers again ({})",
                    Outages.rootCause(outage));
        }
        return unavailable();
    }

    /** Closes after a successful probe. */
    void reset() {
        long since = openSince.getAndSet(CLOSED);
        if (since != CLOSED) {
            LOG.info("database available again after {} ms", Duration.ofNanos(System.nanoTime() - since).toMillis());
        }
    }

    static AuthFailure.Unavailable unavailable() {
        return new AuthFailure.Unavailable("database unavailable", RETRY_AFTER);
    }
}
