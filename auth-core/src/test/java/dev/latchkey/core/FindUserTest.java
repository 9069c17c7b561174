package dev.latchkey.core;

import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.Test;

import static dev.latchkey.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link FindUser}: an account by its username, in any case. */
class FindUserTest {

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
    void findsTheAccountWhateverTheCase() {
        User alice = core.register("Alice");

        assertThat(core.latchkey.findUser().byUsername("aLICE")).contains(alice);
    }

    @Test
    void unknownOrBlankUsernameFindsNothing() {
        core.register("alice");

        assertThat(core.latchkey.findUser().byUsername("bob")).isEmpty();
        assertThat(core.latchkey.findUser().byUsername(" ")).isEmpty();
        assertThat(core.latchkey.findUser().byUsername(null)).isEmpty();
    }
}
