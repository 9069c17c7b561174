package dev.latchkey.core.port;

import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.latchkey.core.port.Fixtures.T0;
import static dev.latchkey.core.port.Fixtures.session;
import static dev.latchkey.core.port.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules every {@link SessionRepository} keeps; each adapter's test extends this once. */
public abstract class SessionRepositoryContract {

    protected SessionRepository sessions;
    protected UserRepository users;
    private User owner;

    /** A session repository over empty storage; sessions belong to users of {@link #newUserRepository()}. */
    protected abstract SessionRepository newRepository();

    /** The user repository over the same storage, since sessions refer to users. */
    protected abstract UserRepository newUserRepository();

    @BeforeEach
    void setUp() {
        users = newUserRepository();
        sessions = newRepository();
        owner = user("owner");
        users.add(owner);
    }

    private User anotherUser(String name) {
        User user = user(name);
        users.add(user);
        return user;
    }

    @Test
    void addedSessionIsFoundByIdWithEveryField() {
        Session s = session(owner, T0);
        sessions.add(s);

        assertThat(sessions.findById(s.id())).contains(s);
    }

    @Test
    void unknownSessionIsAbsent() {
        assertThat(sessions.findById("00000000-0000-0000-0000-000000000000")).isEmpty();
    }

    @Test
    void activeSessionsOfAUserAreListedNewestFirst() {
        Session older = session(owner, T0);
        Session newer = session(owner, T0.plusSeconds(10));
        Session ended = session(owner, T0.plusSeconds(20));
        Session someoneElses = session(anotherUser("other"), T0.plusSeconds(30));
        sessions.add(older);
        sessions.add(newer);
        sessions.add(ended);
        sessions.add(someoneElses);
        sessions.end(ended.id(), T0.plusSeconds(40), EndReason.LOGOUT);

        assertThat(sessions.findActiveByUser(owner.id(), T0.plusSeconds(50)))
                .extracting(Session::id).containsExactly(newer.id(), older.id());
    }

    @Test
    void expiredSessionsAreNotListedAsActive() {
        Session s = session(owner, T0);
        sessions.add(s);

        assertThat(sessions.findActiveByUser(owner.id(), s.refreshExpiresAt())).isEmpty();
    }

    @Test
    void rotateWithTheCurrentJtiReplacesItAndAnswersWithTheRotatedSession() {
        Session s = session(owner, T0);
        sessions.add(s);
        Instant later = T0.plusSeconds(60);

        Session rotated = sessions.rotate(s.id(), s.refreshJti(), "next-jti", later, later.plus(Duration.ofDays(7)))
                .orElseThrow();

        assertThat(rotated).isEqualTo(s.rotated("next-jti", later, later.plus(Duration.ofDays(7))));
        assertThat(sessions.findById(s.id())).contains(rotated);
    }

    @Test
    void rotateKeepsTheSpentJtiAndWhenItWasSpent() {
        Session s = session(owner, T0);
        sessions.add(s);
        Instant first = T0.plusSeconds(60);
        Instant second = T0.plusSeconds(120);
        sessions.rotate(s.id(), s.refreshJti(), "second-jti", first, first.plus(Duration.ofDays(7))).orElseThrow();

        Session rotated = sessions.rotate(s.id(), "second-jti", "third-jti", second, second.plus(Duration.ofDays(7)))
                .orElseThrow();

        assertThat(rotated.previousRefreshJti()).isEqualTo("second-jti");
        assertThat(rotated.previousRefreshSpentAt()).isEqualTo(second);
        Session stored = sessions.findById(s.id()).orElseThrow();
        assertThat(stored.previousRefreshJti()).isEqualTo("second-jti");
        assertThat(stored.previousRefreshSpentAt()).isEqualTo(second);
    }

    @Test
    void aNewSessionHasSpentNoRefreshTokenYet() {
        Session s = session(owner, T0);
        sessions.add(s);

        Session stored = sessions.findById(s.id()).orElseThrow();
        assertThat(stored.previousRefreshJti()).isNull();
        assertThat(stored.previousRefreshSpentAt()).isNull();
    }

    @Test
    void endingASessionKeepsItsLastSpentJti() {
        Session s = session(owner, T0);
        sessions.add(s);
        Session rotated = sessions.rotate(s.id(), s.refreshJti(), "next-jti", T0.plusSeconds(1), T0.plus(Duration.ofDays(7)))
                .orElseThrow();
        sessions.end(s.id(), T0.plusSeconds(2), EndReason.LOGOUT);

        assertThat(sessions.findById(s.id()).orElseThrow())
                .isEqualTo(rotated.endedAt(T0.plusSeconds(2), EndReason.LOGOUT));
    }

    @Test
    void theNewRefreshTokenNeverOutlivesTheSession() {
        Session base = session(owner, T0);
        Session s = new Session(base.id(), owner.id(), base.refreshJti(), T0, T0, T0.plus(Duration.ofDays(2)),
                T0.plus(Duration.ofDays(2)), null, null, null, null);
        sessions.add(s);
        Instant nearTheEnd = T0.plus(Duration.ofDays(1));

        Session rotated = sessions.rotate(s.id(), s.refreshJti(), "next-jti", nearTheEnd, nearTheEnd.plus(Duration.ofDays(7)))
                .orElseThrow();

        assertThat(rotated.refreshExpiresAt()).isEqualTo(s.expiresAt());
        assertThat(sessions.findById(s.id()).orElseThrow().refreshExpiresAt()).isEqualTo(s.expiresAt());
    }

    @Test
    void rotateWithASpentJtiChangesNothing() {
        Session s = session(owner, T0);
        sessions.add(s);
        Session first = sessions.rotate(s.id(), s.refreshJti(), "next-jti", T0.plusSeconds(1), T0.plus(Duration.ofDays(7)))
                .orElseThrow();

        assertThat(sessions.rotate(s.id(), s.refreshJti(), "thief-jti", T0.plusSeconds(2), T0.plus(Duration.ofDays(7))))
                .isEmpty();
        assertThat(sessions.findById(s.id())).contains(first);
    }

    @Test
    void rotateOfAnEndedSessionChangesNothing() {
        Session s = session(owner, T0);
        sessions.add(s);
        sessions.end(s.id(), T0.plusSeconds(1), EndReason.LOGOUT);
        Session ended = sessions.findById(s.id()).orElseThrow();

        assertThat(sessions.rotate(s.id(), s.refreshJti(), "next-jti", T0.plusSeconds(2), T0.plus(Duration.ofDays(7))))
                .isEmpty();
        assertThat(sessions.findById(s.id())).contains(ended);
    }

    @Test
    void rotateOfAnExpiredSessionChangesNothing() {
        Session s = session(owner, T0);
        sessions.add(s);

        assertThat(sessions.rotate(s.id(), s.refreshJti(), "next-jti", s.refreshExpiresAt(), s.refreshExpiresAt().plus(Duration.ofDays(7))))
                .isEmpty();
        assertThat(sessions.rotate(s.id(), s.refreshJti(), "next-jti", s.expiresAt(), s.expiresAt().plus(Duration.ofDays(7))))
                .isEmpty();
        assertThat(sessions.findById(s.id())).contains(s);
    }

    @Test
    void rotateOfAnUnknownSessionChangesNothing() {
        assertThat(sessions.rotate("00000000-0000-0000-0000-000000000000", "jti", "next-jti", T0, T0.plus(Duration.ofDays(7))))
                .isEmpty();
    }

    @Test
    void endEndsOnceAndKeepsTheReason() {
        Session s = session(owner, T0);
        sessions.add(s);

        assertThat(sessions.end(s.id(), T0.plusSeconds(5), EndReason.REFRESH_REUSE)).isTrue();
        assertThat(sessions.end(s.id(), T0.plusSeconds(6), EndReason.LOGOUT)).isFalse();

        Session stored = sessions.findById(s.id()).orElseThrow();
        assertThat(stored.endedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(stored.endReason()).isEqualTo(EndReason.REFRESH_REUSE);
        assertThat(stored.isActiveAt(T0.plusSeconds(7))).isFalse();
    }

    @Test
    void endAllOfUserKeepsTheNamedSessionAndOtherUsersSessions() {
        Session keep = session(owner, T0);
        Session a = session(owner, T0.plusSeconds(1));
        Session b = session(owner, T0.plusSeconds(2));
        Session foreign = session(anotherUser("stranger"), T0);
        List.of(keep, a, b, foreign).forEach(sessions::add);

        List<String> ended = sessions.endAllOfUser(owner.id(), keep.id(), T0.plusSeconds(10), EndReason.PASSWORD_CHANGED);

        assertThat(ended).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(sessions.findById(keep.id()).orElseThrow().endedAt()).isNull();
        assertThat(sessions.findById(foreign.id()).orElseThrow().endedAt()).isNull();
        assertThat(sessions.findById(a.id()).orElseThrow().endReason()).isEqualTo(EndReason.PASSWORD_CHANGED);
    }

    @Test
    void endAllOfUserWithoutKeepEndsEveryOpenSessionAndSkipsEndedOnes() {
        Session a = session(owner, T0);
        Session already = session(owner, T0.plusSeconds(1));
        sessions.add(a);
        sessions.add(already);
        sessions.end(already.id(), T0.plusSeconds(2), EndReason.LOGOUT);

        assertThat(sessions.endAllOfUser(owner.id(), null, T0.plusSeconds(3), EndReason.LOGOUT_ALL))
                .containsExactly(a.id());
    }

    @Test
    void purgeDeletesEndedAndExpiredSessionsOnly() {
        Session ended = session(owner, T0);
        Session expired = session(owner, T0.minus(Duration.ofDays(40)));
        Session live = session(owner, T0);
        List.of(ended, expired, live).forEach(sessions::add);
        sessions.end(ended.id(), T0.plusSeconds(1), EndReason.LOGOUT);

        int purged = sessions.purgeBefore(T0.plusSeconds(2));

        assertThat(purged).isEqualTo(2);
        assertThat(sessions.findById(live.id())).isPresent();
        assertThat(sessions.findById(ended.id())).isEmpty();
        assertThat(sessions.findById(expired.id())).isEmpty();
    }

    @Test
    void concurrentRotationsWithOneJtiHaveExactlyOneWinner() throws Exception {
        Session s = session(owner, T0);
        sessions.add(s);

        List<Boolean> rotated = Simultaneously.run(8, i -> () -> sessions.rotate(s.id(), s.refreshJti(), "jti-" + i,
                T0.plusSeconds(1), T0.plus(Duration.ofDays(7))).isPresent());

        assertThat(rotated).filteredOn(won -> won).hasSize(1);
    }
}
