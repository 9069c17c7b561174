package dev.latchkey.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.SessionGate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Remembers the gate's answers, the session's user included, for a short time, so that an
 * authenticated request (and {@code /me}) costs no query.
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
    public Optional<User> userOfOpenSession(String sessionId, String userId, Instant now) {
        Answer answer = answers.get(sessionId,
                id -> new Answer(userId, delegate.userOfOpenSession(id, userId, now).orElse(null)));
        if (!answer.userId().equals(userId)) {
            // A token naming another user's session must not borrow that session's answer.
            return delegate.userOfOpenSession(sessionId, userId, now);
        }
        return Optional.ofNullable(answer.user());
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

    /** The user of an open session, or null when it is not open. */
    private record Answer(String userId, User user) {
    }
}
