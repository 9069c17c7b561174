package dev.latchkey.core;

import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.Violation.Field;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.Refusals.assertOnlyFields;
import static dev.latchkey.core.Refusals.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogOut}: ending one session by its refresh token, or all of the caller's. */
class LogOutTest {

    private final CoreFixture core = CoreFixture.create();

    private TokenPair refresh(TokenPair pair) {
        return core.latchkey.refresh().refresh(pair.refresh(), CLIENT);
    }

    @Nested
    class OneSession {

        @Test
        void logOutEndsOnlyThatSession() {
            core.register("alice");
            TokenPair phone = core.logIn("alice");
            TokenPair laptop = core.logIn("alice");

            core.latchkey.logOut().logOut(core.caller(phone), phone.refresh(), CLIENT);

            assertRejected(() -> core.latchkey.authenticate().caller(phone.access()));
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

            assertOnlyFields(() -> core.latchkey.logOut().logOut(core.caller(alices), bobs.refresh(), CLIENT), Field.REFRESH_TOKEN);
            assertThat(core.caller(bobs)).isNotNull();
        }

        @Test
        void invalidTokenIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertOnlyFields(() -> core.latchkey.logOut().logOut(core.caller(pair), "garbage", CLIENT), Field.REFRESH_TOKEN);
        }

        @Test
        void accessTokenGivenAsRefreshIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertOnlyFields(() -> core.latchkey.logOut().logOut(core.caller(pair), pair.access(), CLIENT), Field.REFRESH_TOKEN);
        }

        @Test
        void secondLogOutWithTheSameTokenIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair phone = core.logIn("alice");
            TokenPair laptop = core.logIn("alice");
            core.latchkey.logOut().logOut(core.caller(phone), phone.refresh(), CLIENT);

            assertOnlyFields(() -> core.latchkey.logOut().logOut(core.caller(laptop), phone.refresh(), CLIENT), Field.REFRESH_TOKEN);
        }

        @Test
        void missingTokenIsAValidationFailureOnRefresh() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertOnlyFields(() -> core.latchkey.logOut().logOut(core.caller(pair), null, CLIENT), Field.REFRESH_TOKEN);
        }
    }

    @Nested
    class Everywhere {

        @Test
        void logOutEverywhereCountsTheEndedSessions() {
            core.register("alice");
            core.logIn("alice");
            core.logIn("alice");
            TokenPair current = core.logIn("alice");

            assertThat(core.latchkey.logOut().logOutEverywhere(core.caller(current), CLIENT)).isEqualTo(3);
        }

        @Test
        void logOutEverywhereKillsEveryTokenOfTheUser() {
            core.register("alice");
            TokenPair one = core.logIn("alice");
            TokenPair current = core.logIn("alice");

            core.latchkey.logOut().logOutEverywhere(core.caller(current), CLIENT);

            for (TokenPair pair : List.of(one, current)) {
                assertRejected(() -> core.latchkey.authenticate().caller(pair.access()));
                assertRejected(() -> refresh(pair));
            }
        }

        @Test
        void logOutEverywhereLeavesOtherUsersAlone() {
            core.register("alice");
            core.register("bob");
            TokenPair bobs = core.logIn("bob");
            TokenPair alices = core.logIn("alice");

            core.latchkey.logOut().logOutEverywhere(core.caller(alices), CLIENT);

            assertThat(core.caller(bobs)).isNotNull();
        }
    }
}
