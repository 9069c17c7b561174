package dev.latchkey.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.Fixtures;
import dev.latchkey.core.port.SessionGate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CachedSessionGateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(2);

    /** A gate that knows which session belongs to whom, and counts the questions it is asked. */
    private static final class CountingGate implements SessionGate {
        final Map<String, String> ownerOfOpenSession = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        final List<String> forgotten = new ArrayList<>();

        @Override
        public Optional<User> userOfOpenSession(String sessionId, String userId, Instant now) {
            asked.add(sessionId + "/" + userId);
            return userId.equals(ownerOfOpenSession.get(sessionId)) ? Optional.of(Fixtures.user(userId)) : Optional.empty();
        }

        @Override
        public void forget(Collection<String> sessionIds) {
            forgotten.addAll(sessionIds);
        }
    }

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final CountingGate delegate = new CountingGate();
    private final CachedSessionGate gate = new CachedSessionGate(delegate, TTL, 1_000, ticker);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void answerIsAskedOnceAndThenRemembered() {
        delegate.ownerOfOpenSession.put("s1", "alice");

        assertThat(gate.isOpen("s1", "alice", NOW)).isTrue();
        assertThat(gate.isOpen("s1", "alice", NOW)).isTrue();

        assertThat(delegate.asked).containsExactly("s1/alice");
    }

    @Test
    void rememberedAnswerOutlivesAChangeElsewhereUntilTheTtl() {
        delegate.ownerOfOpenSession.put("s1", "alice");
        gate.isOpen("s1", "alice", NOW);
        delegate.ownerOfOpenSession.remove("s1"); // ended by another instance
        advance(TTL.minusMillis(1));

        assertThat(gate.isOpen("s1", "alice", NOW)).isTrue();
    }

    @Test
    void answerExpiresAfterTheTtl() {
        delegate.ownerOfOpenSession.put("s1", "alice");
        gate.isOpen("s1", "alice", NOW);
        delegate.ownerOfOpenSession.remove("s1");
        advance(TTL);

        assertThat(gate.isOpen("s1", "alice", NOW)).isFalse();
        assertThat(delegate.asked).hasSize(2);
    }

    @Test
    void forgetTakesEffectAtOnce() {
        delegate.ownerOfOpenSession.put("s1", "alice");
        gate.isOpen("s1", "alice", NOW);
        delegate.ownerOfOpenSession.remove("s1");

        gate.forget(List.of("s1"));

        assertThat(gate.isOpen("s1", "alice", NOW)).isFalse();
    }

    @Test
    void forgetIsPassedOnToTheDelegate() {
        gate.forget(List.of("s1", "s2"));

        assertThat(delegate.forgotten).containsExactly("s1", "s2");
    }

    @Test
    void forgetLeavesOtherSessionsRemembered() {
        delegate.ownerOfOpenSession.put("s1", "alice");
        delegate.ownerOfOpenSession.put("s2", "alice");
        gate.isOpen("s1", "alice", NOW);
        gate.isOpen("s2", "alice", NOW);

        gate.forget(List.of("s1"));
        gate.isOpen("s2", "alice", NOW);

        assertThat(delegate.asked).containsExactly("s1/alice", "s2/alice");
    }

    @Test
    void forgetAllDropsEveryAnswer() {
        delegate.ownerOfOpenSession.put("s1", "alice");
        delegate.ownerOfOpenSession.put("s2", "bob");
        gate.isOpen("s1", "alice", NOW);
        gate.isOpen("s2", "bob", NOW);
        delegate.ownerOfOpenSession.clear();

        gate.forgetAll();

        assertThat(gate.isOpen("s1", "alice", NOW)).isFalse();
        assertThat(gate.isOpen("s2", "bob", NOW)).isFalse();
    }

    @Test
    void anotherUserDoesNotBorrowTheOwnersOpenAnswer() {
        delegate.ownerOfOpenSession.put("s1", "alice");
        assertThat(gate.isOpen("s1", "alice", NOW)).isTrue();

        assertThat(gate.isOpen("s1", "mallory", NOW)).isFalse();
        assertThat(delegate.asked).containsExactly("s1/alice", "s1/mallory");
    }

    @Test
    void ownerIsNotRefusedBecauseAnotherUserAskedFirst() {
        delegate.ownerOfOpenSession.put("s1", "alice");
        assertThat(gate.isOpen("s1", "mallory", NOW)).isFalse();

        assertThat(gate.isOpen("s1", "alice", NOW)).isTrue();
    }

    @Test
    void closedAnswerIsRememberedToo() {
        assertThat(gate.isOpen("s1", "alice", NOW)).isFalse();
        assertThat(gate.isOpen("s1", "alice", NOW)).isFalse();

        assertThat(delegate.asked).containsExactly("s1/alice");
    }

    @Test
    void theCachedAnswerCarriesTheSessionsUser() {
        delegate.ownerOfOpenSession.put("s1", "alice");

        assertThat(gate.userOfOpenSession("s1", "alice", NOW)).get()
                .extracting(u -> u.username().value()).isEqualTo("alice");
        assertThat(gate.userOfOpenSession("s1", "alice", NOW)).isPresent();
        assertThat(delegate.asked).containsExactly("s1/alice");
    }
}
