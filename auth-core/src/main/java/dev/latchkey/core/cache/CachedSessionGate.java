package dev.latchkey.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.latchkey.core.port.SessionGate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Remembers the gate's answers for a short time, so that an authenticated request costs no query.
 * Sessions ended on this instance are forgotten at once; on other instances sharing the database
 * an answer is at most {@code ttl} old.
 */
public final class CachedSessionGate implements SessionGate {

    private final SessionGate delegate;
    private final Cache<String, Answer> answers;

    public CachedSessionGate(SessionGate delegate, Duration ttl, long maxEntries) {
        this(delegate, ttl, maxEntries, Ticker.systemTicker());
    }

    CachedSessionGate(SessionGate delegate, Duration ttl, long maxEntries, Ticker ticker) {
        this.delegate = delegate;
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .ticker(ticker)
                .build();
    }

    @Override
    public boolean isOpen(String sessionId, String userId, Instant now) {
        Answer answer = answers.get(sessionId, id -> new Answer(userId, delegate.isOpen(id, userId, now)));
        if (!answer.userId().equals(userId)) {
            // A token naming another user's session must not borrow that session's answer.
            return delegate.isOpen(sessionId, userId, now);
        }
        return answer.open();
    }

    @Override
    public void forget(Collection<String> sessionIds) {
        delegate.forget(sessionIds);
        answers.invalidateAll(sessionIds);
    }

    /** Drops every answer, e.g. after a user was deactivated. */
    public void forgetAll() {
        answers.invalidateAll();
    }

    private record Answer(String userId, boolean open) {
    }
}
