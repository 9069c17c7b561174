package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.SessionView;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.User;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The other session use cases: authenticate, verify, log out, list, end and purge sessions. */
class SessionsTest {

    private final CoreFixture core = CoreFixture.create();

    private static void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AuthFailure.TokenRejected.class);
    }

    private static void assertFieldError(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.errors()).containsOnlyKeys(field));
    }

    private TokenPair refresh(TokenPair pair) {
        return core.sessions.refresh(pair.refresh(), CLIENT);
    }

    @Nested
    class Authenticate {

        @Test
        void validAccessTokenNamesTheUserAndSession() {
            User alice = core.register("alice");
            TokenPair pair = core.logIn("alice");

            Caller caller = core.sessions.authenticate(pair.access());

            assertThat(caller).isEqualTo(new Caller(alice.id(), core.sessionIdOf(pair)));
        }

        @Test
        void refreshTokenIsNotAnAccessToken() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertRejected(() -> core.sessions.authenticate(pair.refresh()));
        }

        @Test
        void accessTokenIsRejectedAtOnceAfterLogOut() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            core.sessions.logOut(core.caller(pair), pair.refresh(), CLIENT);

            assertRejected(() -> core.sessions.authenticate(pair.access()));
        }

        @Test
        void accessTokenIsAcceptedJustInsideTheLeewayAfterItsExpiry() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");
            core.clock.advance(Duration.ofMinutes(15).plusSeconds(29));

            assertThat(core.sessions.authenticate(pair.access())).isNotNull();
        }

        @Test
        void accessTokenIsRejectedPastTheLeewayAfterItsExpiry() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");
            core.clock.advance(Duration.ofMinutes(15).plusSeconds(31));

            assertRejected(() -> core.sessions.authenticate(pair.access()));
        }

        @Test
        void garbageAndMissingTokensAreRejected() {
            assertRejected(() -> core.sessions.authenticate("not.a.token"));
            assertRejected(() -> core.sessions.authenticate(null));
        }
    }

    @Nested
    class Verify {

        @Test
        void currentAccessAndRefreshTokensVerify() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertThat(core.sessions.verify(pair.access()).type()).isEqualTo(TokenType.ACCESS);
            assertThat(core.sessions.verify(pair.refresh()).type()).isEqualTo(TokenType.REFRESH);
        }

        @Test
        void accessTokenOfAnEndedSessionDoesNotVerify() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");
            core.sessions.logOutEverywhere(core.caller(pair), CLIENT);

            assertRejected(() -> core.sessions.verify(pair.access()));
        }

        @Test
        void verifyingASpentRefreshTokenDoesNotEndTheSession() {
            core.register("alice");
            TokenPair first = core.logIn("alice");
            TokenPair second = refresh(first);

            assertRejected(() -> core.sessions.verify(first.refresh()));

            assertThat(core.caller(second)).isNotNull();
        }

        @Test
        void missingTokenIsAValidationFailureOnToken() {
            assertFieldError(() -> core.sessions.verify(""), "token");
        }
    }

    @Nested
    class LogOut {

        @Test
        void logOutEndsOnlyThatSession() {
            core.register("alice");
            TokenPair phone = core.logIn("alice");
            TokenPair laptop = core.logIn("alice");

            core.sessions.logOut(core.caller(phone), phone.refresh(), CLIENT);

            assertRejected(() -> core.sessions.authenticate(phone.access()));
            assertRejected(() -> refresh(phone));
            assertThat(core.caller(laptop)).isNotNull();
            assertThat(core.sessionStore.findById(core.sessionIdOf(phone)).orElseThrow().endReason())
                    .isEqualTo(EndReason.LOGOUT);
        }

        @Test
        void anotherUsersRefreshTokenIsAValidationFailureOnRefresh() {
            core.register("alice");
            core.register("bob");
            TokenPair alices = core.logIn("alice");
            TokenPair bobs = core.logIn("bob");

            assertFieldError(() -> core.sessions.logOut(core.caller(alices), bobs.refresh(), CLIENT), "refresh");
            assertThat(core.caller(bobs)).isNotNull();
        }

        @Test
        void invalidTokenIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertFieldError(() -> core.sessions.logOut(core.caller(pair), "garbage", CLIENT), "refresh");
        }

        @Test
        void accessTokenGivenAsRefreshIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertFieldError(() -> core.sessions.logOut(core.caller(pair), pair.access(), CLIENT), "refresh");
        }

        @Test
        void secondLogOutWithTheSameTokenIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair phone = core.logIn("alice");
            TokenPair laptop = core.logIn("alice");
            core.sessions.logOut(core.caller(phone), phone.refresh(), CLIENT);

            assertFieldError(() -> core.sessions.logOut(core.caller(laptop), phone.refresh(), CLIENT), "refresh");
        }

        @Test
        void missingTokenIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertFieldError(() -> core.sessions.logOut(core.caller(pair), null, CLIENT), "refresh");
        }
    }

    @Nested
    class LogOutEverywhere {

        @Test
        void logOutEverywhereCountsTheEndedSessions() {
            core.register("alice");
            core.logIn("alice");
            core.logIn("alice");
            TokenPair current = core.logIn("alice");

            assertThat(core.sessions.logOutEverywhere(core.caller(current), CLIENT)).isEqualTo(3);
        }

        @Test
        void logOutEverywhereKillsEveryTokenOfTheUser() {
            core.register("alice");
            TokenPair one = core.logIn("alice");
            TokenPair current = core.logIn("alice");

            core.sessions.logOutEverywhere(core.caller(current), CLIENT);

            for (TokenPair pair : List.of(one, current)) {
                assertRejected(() -> core.sessions.authenticate(pair.access()));
                assertRejected(() -> refresh(pair));
            }
        }

        @Test
        void logOutEverywhereLeavesOtherUsersAlone() {
            core.register("alice");
            core.register("bob");
            TokenPair bobs = core.logIn("bob");
            TokenPair alices = core.logIn("alice");

            core.sessions.logOutEverywhere(core.caller(alices), CLIENT);

            assertThat(core.caller(bobs)).isNotNull();
        }
    }

    @Nested
    class ListSessions {

        @Test
        void activeSessionsAreListedNewestFirstWithTheCurrentOneMarked() {
            core.register("alice");
            TokenPair oldest = core.logIn("alice");
            core.clock.advance(Duration.ofMinutes(1));
            TokenPair middle = core.logIn("alice");
            core.clock.advance(Duration.ofMinutes(1));
            TokenPair newest = core.logIn("alice");

            List<SessionView> views = core.sessions.list(core.caller(middle));

            assertThat(views).extracting(v -> v.session().id())
                    .containsExactly(core.sessionIdOf(newest), core.sessionIdOf(middle), core.sessionIdOf(oldest));
            assertThat(views).extracting(SessionView::current).containsExactly(false, true, false);
        }

        @Test
        void endedSessionsAreNotListed() {
            core.register("alice");
            TokenPair ended = core.logIn("alice");
            TokenPair current = core.logIn("alice");
            core.sessions.logOut(core.caller(ended), ended.refresh(), CLIENT);

            assertThat(core.sessions.list(core.caller(current))).extracting(v -> v.session().id())
                    .containsExactly(core.sessionIdOf(current));
        }

        @Test
        void otherUsersSessionsAreNotListed() {
            core.register("alice");
            core.register("bob");
            core.logIn("bob");
            TokenPair current = core.logIn("alice");

            assertThat(core.sessions.list(core.caller(current))).hasSize(1);
        }
    }

    @Nested
    class EndSession {

        @Test
        void endingOwnSessionRemovesItAndKillsItsTokens() {
            core.register("alice");
            TokenPair other = core.logIn("alice");
            TokenPair current = core.logIn("alice");

            core.sessions.endSession(core.caller(current), core.sessionIdOf(other), CLIENT);

            assertThat(core.sessions.list(core.caller(current))).extracting(v -> v.session().id())
                    .containsExactly(core.sessionIdOf(current));
            assertRejected(() -> core.sessions.authenticate(other.access()));
            assertThat(core.sessionStore.findById(core.sessionIdOf(other)).orElseThrow().endReason())
                    .isEqualTo(EndReason.ENDED_BY_USER);
        }

        @Test
        void endingAnotherUsersSessionIsNotFoundAndLeavesItActive() {
            core.register("alice");
            core.register("bob");
            TokenPair bobs = core.logIn("bob");
            TokenPair alices = core.logIn("alice");

            assertThatThrownBy(() -> core.sessions.endSession(core.caller(alices), core.sessionIdOf(bobs), CLIENT))
                    .isInstanceOf(AuthFailure.NotFound.class);
            assertThat(core.caller(bobs)).isNotNull();
        }

        @Test
        void endingAnUnknownSessionIsNotFound() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertThatThrownBy(() -> core.sessions.endSession(core.caller(pair), "00000000-0000-0000-0000-000000000000", CLIENT))
                    .isInstanceOf(AuthFailure.NotFound.class);
        }

        @Test
        void endingAnAlreadyEndedSessionIsNotFound() {
            core.register("alice");
            TokenPair other = core.logIn("alice");
            TokenPair current = core.logIn("alice");
            core.sessions.endSession(core.caller(current), core.sessionIdOf(other), CLIENT);

            assertThatThrownBy(() -> core.sessions.endSession(core.caller(current), core.sessionIdOf(other), CLIENT))
                    .isInstanceOf(AuthFailure.NotFound.class);
        }
    }

    @Nested
    class Purge {

        @Test
        void purgeDeletesEndedSessionsAndKeepsActiveOnes() {
            core.register("alice");
            TokenPair ended = core.logIn("alice");
            TokenPair active = core.logIn("alice");
            core.sessions.logOut(core.caller(ended), ended.refresh(), CLIENT);
            core.clock.advance(Duration.ofSeconds(1));

            assertThat(core.sessions.purge()).isEqualTo(1);

            assertThat(core.sessionStore.findById(core.sessionIdOf(ended))).isEmpty();
            assertThat(core.sessionStore.findById(core.sessionIdOf(active))).isPresent();
        }

        @Test
        void purgeDeletesSessionsLeftIdleUntilTheirRefreshTokenExpired() {
            core.register("alice");
            TokenPair idle = core.logIn("alice");
            String sessionId = core.sessionIdOf(idle);
            core.clock.advance(Duration.ofDays(7).plusSeconds(1));

            assertThat(core.sessions.purge()).isEqualTo(1);

            assertThat(core.sessionStore.findById(sessionId)).isEmpty();
        }
    }
}
