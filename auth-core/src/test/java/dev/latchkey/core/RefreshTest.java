package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.Violation.Field;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.T0;
import static dev.latchkey.core.Refusals.assertOnlyFields;
import static dev.latchkey.core.Refusals.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Refresh}: rotation, reuse detection and lifetimes. */
class RefreshTest {

    private final CoreFixture core = CoreFixture.create();


    private TokenPair refresh(TokenPair pair) {
        return core.latchkey.refresh().refresh(pair.refresh(), CLIENT);
    }

    @Test
    void refreshAnswersANewPairForTheSameSession() {
        core.register("alice");
        TokenPair first = core.logIn("alice");
        core.clock.advance(Duration.ofMinutes(5));

        TokenPair second = refresh(first);

        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(second.access()).isNotEqualTo(first.access());
        assertThat(core.caller(second).sessionId()).isEqualTo(core.sessionIdOf(first));
    }

    @Test
    void refreshMovesTheSessionsLastUse() {
        core.register("alice");
        TokenPair first = core.logIn("alice");
        core.clock.advance(Duration.ofDays(3));

        refresh(first);

        Session session = core.sessionStore.findById(core.sessionIdOf(first)).orElseThrow();
        assertThat(session.lastUsedAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
        assertThat(session.refreshExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(10)));
    }

    @Test
    void refreshSpendsThePresentedToken() {
        core.register("alice");
        TokenPair first = core.logIn("alice");

        refresh(first);

        assertRejected(() -> core.latchkey.authenticate().verify(first.refresh()));
    }

    @Test
    void refreshWithSpentTokenIsRejected() {
        core.register("alice");
        TokenPair first = core.logIn("alice");
        refresh(first);

        assertRejected(() -> refresh(first));
    }

    @Test
    void refreshWithSpentTokenEndsTheSession() {
        core.register("alice");
        TokenPair first = core.logIn("alice");
        refresh(first);

        assertRejected(() -> refresh(first));

        assertThat(core.sessionStore.findById(core.sessionIdOf(first)).orElseThrow().endReason())
                .isEqualTo(EndReason.REFRESH_REUSE);
    }

    @Test
    void refreshWithSpentTokenKillsTheNewestRefreshToken() {
        core.register("alice");
        TokenPair first = core.logIn("alice");
        TokenPair newest = refresh(first);

        assertRejected(() -> refresh(first));

        assertRejected(() -> refresh(newest));
    }

    @Test
    void refreshWithSpentTokenKillsEveryAccessTokenOfTheSession() {
        core.register("alice");
        TokenPair first = core.logIn("alice");
        TokenPair newest = refresh(first);

        assertRejected(() -> refresh(first));

        assertRejected(() -> core.latchkey.authenticate().caller(first.access()));
        assertRejected(() -> core.latchkey.authenticate().caller(newest.access()));
    }

    @Test
    void refreshWithSpentTokenLeavesOtherSessionsAlone() {
        core.register("alice");
        TokenPair stolen = core.logIn("alice");
        TokenPair laptop = core.logIn("alice");
        refresh(stolen);

        assertRejected(() -> refresh(stolen));

        assertThat(core.caller(laptop)).isNotNull();
        assertThat(refresh(laptop)).isNotNull();
    }

    @Test
    void accessTokenGivenToRefreshIsRejected() {
        core.register("alice");
        TokenPair pair = core.logIn("alice");

        assertRejected(() -> core.latchkey.refresh().refresh(pair.access(), CLIENT));
    }

    @Test
    void missingRefreshTokenIsAValidationFailureOnRefresh() {
        assertOnlyFields(() -> core.latchkey.refresh().refresh(" ", CLIENT), Field.REFRESH_TOKEN);
    }

    @Test
    void refreshAfterTheRefreshTokenExpiredIsRejected() {
        core.register("alice");
        TokenPair pair = core.logIn("alice");
        core.clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertRejected(() -> refresh(pair));
    }

    @Test
    void refreshAfterTheSessionMaximumIsRejected() {
        core.register("alice");
        TokenPair pair = core.logIn("alice");
        for (int day = 6; day <= 24; day += 6) {
            core.clock.set(T0.plus(Duration.ofDays(day)));
            pair = refresh(pair);
        }
        TokenPair last = pair;
        // Within the token leeway, so only the session's own limit can refuse it.
        core.clock.set(T0.plus(Duration.ofDays(30)).plusSeconds(1));

        assertRejected(() -> refresh(last));
    }

    @Test
    void refreshTokenNeverExpiresAfterTheSessionMaximum() {
        core.register("alice");
        TokenPair pair = core.logIn("alice");
        for (int day = 6; day <= 24; day += 6) {
            core.clock.set(T0.plus(Duration.ofDays(day)));
            pair = refresh(pair);
        }
        core.clock.set(T0.plus(Duration.ofDays(29)));

        TokenPair late = refresh(pair);

        TokenClaims claims = core.tokens.verify(late.refresh(), TokenType.REFRESH);
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
    }

    @Test
    void accessTokenNeverExpiresAfterTheSessionMaximum() {
        core.register("alice");
        TokenPair pair = core.logIn("alice");
        for (int day = 6; day <= 24; day += 6) {
            core.clock.set(T0.plus(Duration.ofDays(day)));
            pair = refresh(pair);
        }
        core.clock.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(5)));

        TokenPair late = refresh(pair);

        assertThat(late.expiresInSeconds()).isEqualTo(5 * 60);
        assertThat(core.tokens.verify(late.access(), TokenType.ACCESS).expiresAt())
                .isEqualTo(T0.plus(Duration.ofDays(30)));
    }

    @Test
    void ofConcurrentRefreshesWithOneTokenExactlyOneWins() throws Exception {
        core.register("alice");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                TokenPair pair = core.logIn("alice");
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<TokenPair>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return refresh(pair);
                    }));
                }
                ready.await();
                go.countDown();

                int winners = 0;
                for (Future<TokenPair> result : results) {
                    try {
                        assertThat(result.get(30, TimeUnit.SECONDS)).isNotNull();
                        winners++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(AuthFailure.TokenRejected.class);
                    }
                }
                assertThat(winners).as("winners in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
