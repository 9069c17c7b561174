package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.SessionView;
import dev.latchkey.core.domain.TokenPair;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.Refusals.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ManageSessions}: listing the caller's active sessions and ending one. */
class ManageSessionsTest {

    private final CoreFixture core = CoreFixture.create();

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

            List<SessionView> views = core.latchkey.sessions().list(core.caller(middle));

            assertThat(views).extracting(v -> v.session().id())
                    .containsExactly(core.sessionIdOf(newest), core.sessionIdOf(middle), core.sessionIdOf(oldest));
            assertThat(views).extracting(SessionView::current).containsExactly(false, true, false);
        }

        @Test
        void endedSessionsAreNotListed() {
            core.register("alice");
            TokenPair ended = core.logIn("alice");
            TokenPair current = core.logIn("alice");
            core.latchkey.logOut().logOut(core.caller(ended), ended.refresh(), CLIENT);

            assertThat(core.latchkey.sessions().list(core.caller(current))).extracting(v -> v.session().id())
                    .containsExactly(core.sessionIdOf(current));
        }

        @Test
        void otherUsersSessionsAreNotListed() {
            core.register("alice");
            core.register("bob");
            core.logIn("bob");
            TokenPair current = core.logIn("alice");

            assertThat(core.latchkey.sessions().list(core.caller(current))).hasSize(1);
        }
    }

    @Nested
    class EndSession {

        @Test
        void endingOwnSessionRemovesItAndKillsItsTokens() {
            core.register("alice");
            TokenPair other = core.logIn("alice");
            TokenPair current = core.logIn("alice");

            core.latchkey.sessions().endSession(core.caller(current), core.sessionIdOf(other), CLIENT);

            assertThat(core.latchkey.sessions().list(core.caller(current))).extracting(v -> v.session().id())
                    .containsExactly(core.sessionIdOf(current));
            assertRejected(() -> core.latchkey.authenticate().caller(other.access()));
            assertThat(core.sessionStore.findById(core.sessionIdOf(other)).orElseThrow().endReason())
                    .isEqualTo(EndReason.ENDED_BY_USER);
        }

        @Test
        void endingAnotherUsersSessionIsNotFoundAndLeavesItActive() {
            core.register("alice");
            core.register("bob");
            TokenPair bobs = core.logIn("bob");
            TokenPair alices = core.logIn("alice");

            assertThatThrownBy(() -> core.latchkey.sessions().endSession(core.caller(alices), core.sessionIdOf(bobs), CLIENT))
                    .isInstanceOf(AuthFailure.NotFound.class);
            assertThat(core.caller(bobs)).isNotNull();
        }

        @Test
        void endingAnUnknownSessionIsNotFound() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertThatThrownBy(() -> core.latchkey.sessions().endSession(core.caller(pair), "00000000-0000-0000-0000-000000000000", CLIENT))
                    .isInstanceOf(AuthFailure.NotFound.class);
        }

        @Test
        void endingAnAlreadyEndedSessionIsNotFound() {
            core.register("alice");
            TokenPair other = core.logIn("alice");
            TokenPair current = core.logIn("alice");
            core.latchkey.sessions().endSession(core.caller(current), core.sessionIdOf(other), CLIENT);

            assertThatThrownBy(() -> core.latchkey.sessions().endSession(core.caller(current), core.sessionIdOf(other), CLIENT))
                    .isInstanceOf(AuthFailure.NotFound.class);
        }
    }
}
