package dev.latchkey.core.memory;

import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.port.SessionRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions in memory, for embedders, tests and examples. Thread-safe; nothing survives a restart. */
public final class InMemorySessionRepository implements SessionRepository {

    private final Map<String, Session> byId = new HashMap<>();

    @Override
    public synchronized void add(Session session) {
        if (byId.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("session id already used");
        }
    }

    @Override
    public synchronized Optional<Session> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Session> findActiveByUser(String userId, Instant now) {
        return byId.values().stream()
                .filter(s -> s.userId().equals(userId) && s.isActiveAt(now))
                .sorted(Comparator.comparing(Session::createdAt).reversed().thenComparing(Session::id))
                .toList();
    }

    @Override
    public synchronized Optional<Session> rotate(
            String sessionId, String presentedJti, String newJti, Instant now, Instant refreshExpiresAt) {
        Session session = byId.get(sessionId);
        if (session == null || !session.isActiveAt(now) || !session.refreshJti().equals(presentedJti)) {
            return Optional.empty();
        }
        Instant expiry = refreshExpiresAt.isBefore(session.expiresAt()) ? refreshExpiresAt : session.expiresAt();
        Session rotated = session.rotated(newJti, now, expiry);
        byId.put(sessionId, rotated);
        return Optional.of(rotated);
    }

    @Override
    public synchronized boolean end(String sessionId, Instant now, EndReason reason) {
        Session session = byId.get(sessionId);
        if (session == null || session.endedAt() != null) {
            return false;
        }
        byId.put(sessionId, session.endedAt(now, reason));
        return true;
    }

    @Override
    public synchronized List<String> endAllOfUser(String userId, String keepSessionId, Instant now, EndReason reason) {
        List<String> ended = new ArrayList<>();
        for (Session session : List.copyOf(byId.values())) {
            if (session.userId().equals(userId) && session.endedAt() == null && !session.id().equals(keepSessionId)) {
                byId.put(session.id(), session.endedAt(now, reason));
                ended.add(session.id());
            }
        }
        return ended;
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int before = byId.size();
        byId.values().removeIf(s -> (s.endedAt() != null && s.endedAt().isBefore(cutoff))
                || s.expiresAt().isBefore(cutoff)
                || s.refreshExpiresAt().isBefore(cutoff));
        return before - byId.size();
    }
}
