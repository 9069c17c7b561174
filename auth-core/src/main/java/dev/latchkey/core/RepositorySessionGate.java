package dev.latchkey.core;

import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.UserRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Asks the repositories every time; put {@code CachedSessionGate} in front of it on a server. */
public final class RepositorySessionGate implements SessionGate {

    private final SessionRepository sessions;
    private final UserRepository users;

    public RepositorySessionGate(SessionRepository sessions, UserRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public Optional<User> userOfOpenSession(String sessionId, String userId, Instant now) {
        return sessions.findById(sessionId)
                .filter(s -> s.userId().equals(userId) && s.isActiveAt(now))
                .flatMap(s -> users.findById(userId))
                .filter(User::active);
    }

    @Override
    public void forget(Collection<String> sessionIds) {
        // Nothing is remembered.
    }
}
