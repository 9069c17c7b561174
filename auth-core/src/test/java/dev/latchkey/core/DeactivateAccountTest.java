package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.Test;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DeactivateAccount}: no more logins, and every token of the account stops working. */
class DeactivateAccountTest {

    private final CoreFixture core = CoreFixture.create();

    /** A valid registration to vary one field at a time. */
    private record RegistrationBuilder(String username, String email, String password, String passwordConfirm) {
        static RegistrationBuilder valid() {
            return new RegistrationBuilder("alice", "alice@example.com", PASSWORD, PASSWORD);
        }

        RegistrationBuilder username(String value) {
            return new RegistrationBuilder(value, email, password, passwordConfirm);
        }

        RegistrationBuilder email(String value) {
            return new RegistrationBuilder(username, value, password, passwordConfirm);
        }

        /** Sets both the password and its confirmation. */
        RegistrationBuilder password(String value) {
            return new RegistrationBuilder(username, email, value, value);
        }

        RegistrationBuilder passwordConfirm(String value) {
            return new RegistrationBuilder(username, email, password, value);
        }

        Registration build() {
            return new Registration(username, email, password, passwordConfirm);
        }
    }

    private static RegistrationBuilder registration() {
        return RegistrationBuilder.valid();
    }

    @Test
    void deactivatedAccountCannotLogIn() {
        User alice = core.register("alice");

        assertThat(core.latchkey.deactivate().deactivate(alice.id())).isTrue();

        assertThatThrownBy(() -> core.logIn("alice")).isInstanceOf(AuthFailure.InvalidCredentials.class);
    }

    @Test
    void deactivationRejectsTheAccountsTokensAtOnce() {
        User alice = core.register("alice");
        TokenPair pair = core.logIn("alice");

        core.latchkey.deactivate().deactivate(alice.id());

        assertThatThrownBy(() -> core.latchkey.authenticate().caller(pair.access())).isInstanceOf(AuthFailure.TokenRejected.class);
        assertThatThrownBy(() -> core.latchkey.refresh().refresh(pair.refresh(), CLIENT))
                .isInstanceOf(AuthFailure.TokenRejected.class);
        assertThat(core.sessionStore.findActiveByUser(alice.id(), core.clock.instant())).isEmpty();
    }

    @Test
    void deactivatingAnUnknownUserAnswersFalse() {
        assertThat(core.latchkey.deactivate().deactivate("00000000-0000-0000-0000-000000000000")).isFalse();
    }
}
