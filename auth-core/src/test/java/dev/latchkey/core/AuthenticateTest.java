package dev.latchkey.core;

import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Violation.Field;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.Refusals.assertOnlyFields;
import static dev.latchkey.core.Refusals.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link Authenticate}: the caller behind an access token, and verifying a token of either type. */
class AuthenticateTest {

    private final CoreFixture core = CoreFixture.create();

    private TokenPair refresh(TokenPair pair) {
        return core.latchkey.refresh().refresh(pair.refresh(), CLIENT);
    }

    @Nested
    class AccessTokens {

        @Test
        void validAccessTokenNamesTheUserAndSession() {
            User alice = core.register("alice");
            TokenPair pair = core.logIn("alice");

            Caller caller = core.latchkey.authenticate().caller(pair.access());

            assertThat(caller).isEqualTo(new Caller(alice.id(), core.sessionIdOf(pair)));
        }

        @Test
        void refreshTokenIsNotAnAccessToken() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertRejected(() -> core.latchkey.authenticate().caller(pair.refresh()));
        }

        @Test
        void accessTokenIsRejectedAtOnceAfterLogOut() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            core.latchkey.logOut().logOut(core.caller(pair), pair.refresh(), CLIENT);

            assertRejected(() -> core.latchkey.authenticate().caller(pair.access()));
        }

        @Test
        void accessTokenIsAcceptedJustInsideTheLeewayAfterItsExpiry() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");
            core.clock.advance(Duration.ofMinutes(15).plusSeconds(29));

            assertThat(core.latchkey.authenticate().caller(pair.access())).isNotNull();
        }

        @Test
        void accessTokenIsRejectedPastTheLeewayAfterItsExpiry() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");
            core.clock.advance(Duration.ofMinutes(15).plusSeconds(31));

            assertRejected(() -> core.latchkey.authenticate().caller(pair.access()));
        }

        @Test
        void garbageAndMissingTokensAreRejected() {
            assertRejected(() -> core.latchkey.authenticate().caller("not.a.token"));
            assertRejected(() -> core.latchkey.authenticate().caller(null));
        }
    }

    @Nested
    class Verify {

        @Test
        void currentAccessAndRefreshTokensVerify() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");

            assertThat(core.latchkey.authenticate().verify(pair.access()).type()).isEqualTo(TokenType.ACCESS);
            assertThat(core.latchkey.authenticate().verify(pair.refresh()).type()).isEqualTo(TokenType.REFRESH);
        }

        @Test
        void accessTokenOfAnEndedSessionDoesNotVerify() {
            core.register("alice");
            TokenPair pair = core.logIn("alice");
            core.latchkey.logOut().logOutEverywhere(core.caller(pair), CLIENT);

            assertRejected(() -> core.latchkey.authenticate().verify(pair.access()));
        }

        @Test
        void verifyingASpentRefreshTokenDoesNotEndTheSession() {
            core.register("alice");
            TokenPair first = core.logIn("alice");
            TokenPair second = refresh(first);

            assertRejected(() -> core.latchkey.authenticate().verify(first.refresh()));

            assertThat(core.caller(second)).isNotNull();
        }

        @Test
        void missingTokenIsAValidationFailureOnToken() {
            assertOnlyFields(() -> core.latchkey.authenticate().verify(""), Field.TOKEN);
        }
    }
}
