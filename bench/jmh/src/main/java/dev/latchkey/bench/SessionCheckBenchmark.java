package dev.latchkey.bench;

import dev.latchkey.core.RepositorySessionGate;
import dev.latchkey.core.cache.CachedSessionGate;
import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.memory.InMemorySessionRepository;
import dev.latchkey.core.memory.InMemoryUserRepository;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The session check every authenticated request makes, with and without the cache in front. */
@State(Scope.Benchmark)
public class SessionCheckBenchmark {

    private RepositorySessionGate direct;
    private CachedSessionGate cached;
    private String sessionId;
    private String userId;
    private Instant now;

    @Setup
    public void setUp() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemorySessionRepository sessions = new InMemorySessionRepository();
        now = Instant.now();
        User user = new User(UUID.randomUUID().toString(), new Username("bench"), new EmailAddress("bench@example.com"),
                "$2b$12$unusedunusedunusedunuseduOmN7xJ8y6Q5oV7M0JvOe1qfYhS3V5", true, now, null);
        users.add(user);
        Session session = new Session(UUID.randomUUID().toString(), user.id(), UUID.randomUUID().toString(),
                now, now, now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(30)), null, null, null, null);
        sessions.add(session);
        sessionId = session.id();
        userId = user.id();
        direct = new RepositorySessionGate(sessions, users);
        cached = new CachedSessionGate(direct, Duration.ofSeconds(2), 100_000);
    }

    @Benchmark
    public Optional<User> inMemoryRepositories() {
        return direct.userOfOpenSession(sessionId, userId, now);
    }

    @Benchmark
    public Optional<User> cachedAnswer() {
        return cached.userOfOpenSession(sessionId, userId, now);
    }
}
