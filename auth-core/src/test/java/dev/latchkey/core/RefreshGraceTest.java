package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.SessionPolicy;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Refresh} with a refresh grace window: the token spent last may come back for a while. */
class RefreshGraceTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final CoreFixture core = CoreFixture.builder()
            .sessionPolicy(SessionPolicy.defaults().withRefreshReuseGrace(GRACE))
            .build();

    private TokenPair refresh(TokenPair pair) {
        return core.latchkey.refresh().refresh(pair.refresh(), CLIENT);
    }

    private String jtiOf(TokenPair pair) {
        return core.tokens.verify(pair.refresh(), TokenType.REFRESH).jti();
    }

    private Session sessionOf(TokenPair pair) {
        return core.sessionStore.findById(core.sessionIdOf(pair)).orElseThrow();
    }

    @Test
    void theTokenSpentLastPresentedAgainWithinTheWindowAnswersTheCurrentRefreshToken() {
        core.register("alice");
        TokenPair login = core.logIn("alice");
        TokenPair first = refresh(login);
        core.clock.advance(Duration.ofSeconds(9));

        TokenPair replay = refresh(login);

        assertThat(jtiOf(replay)).isEqualTo(jtiOf(first));
        assertThat(core.caller(replay).sessionId()).isEqualTo(core.sessionIdOf(login));
        assertThat(replay.access()).isNotEqualTo(first.access());
        assertThat(sessionOf(login).isActiveAt(core.clock.instant())).isTrue();
    }

    @Test
    void aReplayWithinTheWindowForksNothing() {
        core.register("alice");
        TokenPair login = core.logIn("alice");
        TokenPair first = refresh(login);
        Session afterFirst = sessionOf(login);
        core.clock.advance(Duration.ofSeconds(1));

        refresh(login);

        assertThat(sessionOf(login)).isEqualTo(afterFirst);
        assertThat(core.sessionStore.findActiveByUser(afterFirst.userId(), core.clock.instant())).hasSize(1);
        // The token answered to the replay is the current one: spending it works once, as any other.
        assertThat(refresh(first)).isNotNull();
    }

    @Test
    void theTokenSpentLastPresentedAtTheWindowsEndIsReuseAndEndsTheSession() {
        core.register("alice");
        TokenPair login = core.logIn("alice");
        TokenPair first = refresh(login);
        core.clock.advance(GRACE);

        assertThatThrownBy(() -> refresh(login)).isInstanceOf(AuthFailure.TokenRejected.class);

        assertThat(sessionOf(login).endReason()).isEqualTo(EndReason.REFRESH_REUSE);
        assertThatThrownBy(() -> refresh(first)).isInstanceOf(AuthFailure.TokenRejected.class);
        assertThat(core.audit.events()).extracting(AuditEvent::type).contains(AuditEvent.Type.REFRESH_REUSE);
    }

    @Test
    void anOlderSpentTokenIsReuseEvenWithinTheWindow() {
        core.register("alice");
        TokenPair login = core.logIn("alice");
        TokenPair first = refresh(login);
        TokenPair second = refresh(first);

        assertThatThrownBy(() -> refresh(login)).isInstanceOf(AuthFailure.TokenRejected.class);

        assertThat(sessionOf(login).endReason()).isEqualTo(EndReason.REFRESH_REUSE);
        assertThatThrownBy(() -> core.caller(second)).isInstanceOf(AuthFailure.TokenRejected.class);
    }

    @Test
    void withoutAWindowTheTokenSpentLastIsReuseAtOnce() {
        CoreFixture strict = CoreFixture.create();
        strict.register("alice");
        TokenPair login = strict.logIn("alice");
        strict.latchkey.refresh().refresh(login.refresh(), CLIENT);

        assertThatThrownBy(() -> strict.latchkey.refresh().refresh(login.refresh(), CLIENT))
                .isInstanceOf(AuthFailure.TokenRejected.class);
        assertThat(strict.sessionStore.findById(strict.sessionIdOf(login)).orElseThrow().endReason())
                .isEqualTo(EndReason.REFRESH_REUSE);
    }

    @Test
    void anEndedSessionIsNotRevivedByAReplayWithinTheWindow() {
        core.register("alice");
        TokenPair login = core.logIn("alice");
        TokenPair first = refresh(login);
        core.latchkey.logOut().logOut(core.caller(first), first.refresh(), CLIENT);

        assertThatThrownBy(() -> refresh(login)).isInstanceOf(AuthFailure.TokenRejected.class);
    }

    @Test
    void simultaneousRefreshesWithOneTokenAllSucceedWithOneJti() throws Exception {
        core.register("alice");
        int tabs = 6;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        try {
            TokenPair login = core.logIn("alice");
            CountDownLatch ready = new CountDownLatch(tabs);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TokenPair>> results = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return refresh(login);
                }));
            }
            ready.await();
            go.countDown();

            List<String> jtis = new ArrayList<>();
            for (Future<TokenPair> result : results) {
                jtis.add(jtiOf(result.get(30, TimeUnit.SECONDS)));
            }
            assertThat(jtis).hasSize(tabs).containsOnly(sessionOf(login).refreshJti());
            assertThat(sessionOf(login).endedAt()).isNull();
        } finally {
            pool.shutdownNow();
        }
    }
}
