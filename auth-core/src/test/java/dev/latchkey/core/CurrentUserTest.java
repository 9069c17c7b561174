package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.Test;

import static dev.latchkey.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CurrentUser}: the account behind an authenticated request. */
class CurrentUserTest {

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
    void callerIsTheirAccount() {
        User alice = core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        assertThat(core.latchkey.currentUser().of(caller).id()).isEqualTo(alice.id());
    }

    @Test
    void deactivatedCallerIsRejected() {
        User alice = core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));
        core.users.setActive(alice.id(), false);

        assertThatThrownBy(() -> core.latchkey.currentUser().of(caller)).isInstanceOf(AuthFailure.TokenRejected.class);
    }
}
