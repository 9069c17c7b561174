package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.domain.Violation;
import dev.latchkey.core.port.UserRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.PASSWORD;
import static dev.latchkey.core.CoreFixture.T0;
import static dev.latchkey.core.Refusals.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/** {@link Register}: the rules of a new account, duplicates, and what is stored. */
class RegisterTest {

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
    void validRegistrationOpensAnActiveAccountAsTyped() {
        core.clock.advance(Duration.ofMinutes(3));

        User user = core.latchkey.register().register(registration().username("Alice.B_c-1").email("Alice@Example.com").build(), CLIENT);

        assertThat(user.id()).isNotBlank();
        assertThat(user.username().value()).isEqualTo("Alice.B_c-1");
        assertThat(user.email().value()).isEqualTo("Alice@Example.com");
        assertThat(user.active()).isTrue();
        assertThat(user.dateJoined()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(user.lastLogin()).isNull();
        assertThat(core.users.findById(user.id())).contains(user);
    }

    @Test
    void passwordIsStoredAsABcryptHashNotAsTyped() {
        User user = core.latchkey.register().register(registration().build(), CLIENT);

        String stored = core.users.findById(user.id()).orElseThrow().passwordHash();
        assertThat(stored).doesNotContain(PASSWORD).startsWith("$2b$04$");
        assertThat(core.hasher.verify(PASSWORD, stored)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingUsernameIsRequired(String missing) {
        assertViolation(() -> core.latchkey.register().register(registration().username(missing).build(), CLIENT),
                Field.USERNAME, Rule.REQUIRED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingEmailIsRequired(String missing) {
        assertViolation(() -> core.latchkey.register().register(registration().email(missing).build(), CLIENT),
                Field.EMAIL, Rule.REQUIRED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingPasswordIsRequired(String missing) {
        assertViolation(() -> core.latchkey.register().register(registration().password(missing).passwordConfirm(PASSWORD).build(), CLIENT),
                Field.PASSWORD, Rule.REQUIRED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingPasswordConfirmationIsRequired(String missing) {
        assertViolation(() -> core.latchkey.register().register(registration().passwordConfirm(missing).build(), CLIENT),
                Field.PASSWORD_CONFIRM, Rule.REQUIRED);
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> core.latchkey.register().register(new Registration(null, null, null, null), CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class, e -> assertThat(e.fields()).containsOnly(Field.USERNAME, Field.EMAIL, Field.PASSWORD, Field.PASSWORD_CONFIRM));
    }

    @Test
    void confirmationThatDiffersIsRejected() {
        assertViolation(() -> core.latchkey.register().register(registration().passwordConfirm(PASSWORD + "x").build(), CLIENT),
                Field.PASSWORD_CONFIRM, Rule.DOES_NOT_MATCH);
    }

    @Test
    void confirmationIsComparedAfterNfkc() {
        // U+FB01 is the "fi" ligature: NFKC makes both the same password.
        User user = core.latchkey.register().register(
                registration().password("quiet-fish-lantern").passwordConfirm("quiet-\uFB01sh-lantern").build(), CLIENT);

        assertThat(user).isNotNull();
    }

    @Test
    void rejectedRegistrationStoresNothing() {
        assertThatThrownBy(() -> core.latchkey.register().register(registration().passwordConfirm("other-password").build(), CLIENT))
                .isInstanceOf(AuthFailure.ValidationFailed.class);

        assertThat(core.users.findByUsernameKey("alice")).isEmpty();
    }

    @Test
    void usernameTakenInAnotherCaseIsADuplicate() {
        core.latchkey.register().register(registration().username("Alice").build(), CLIENT);

        assertViolation(() -> core.latchkey.register().register(registration().username("aLICE").email("other@example.com").build(), CLIENT),
                Field.USERNAME, Rule.TAKEN);
    }

    @Test
    void usernameTakenInFullWidthFormIsADuplicate() {
        core.latchkey.register().register(registration().username("full").build(), CLIENT);

        assertViolation(() -> core.latchkey.register().register(
                        registration().username("\uFF46\uFF55\uFF4C\uFF4C").email("other@example.com").build(), CLIENT),
                Field.USERNAME, Rule.TAKEN);
    }

    @Test
    void fullWidthUsernameIsStoredInItsNfkcForm() {
        User user = core.latchkey.register().register(registration().username("\uFF26\uFF55\uFF4C\uFF4C").build(), CLIENT);

        assertThat(user.username().value()).isEqualTo("Full");
    }

    @Test
    void emailTakenInAnotherCaseIsADuplicate() {
        core.latchkey.register().register(registration().email("alice@example.com").build(), CLIENT);

        assertViolation(() -> core.latchkey.register().register(registration().username("bob").email("ALICE@Example.COM").build(), CLIENT),
                Field.EMAIL, Rule.TAKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@localhost", "alice smith@example.com", "@example.com", "alice@"})
    void invalidEmailIsRejected(String email) {
        assertViolation(() -> core.latchkey.register().register(registration().email(email).build(), CLIENT),
                Field.EMAIL, Rule.NOT_AN_EMAIL_ADDRESS);
    }

    @Test
    void emailIsStrippedOfSurroundingSpaces() {
        User user = core.latchkey.register().register(registration().email("  alice@example.com ").build(), CLIENT);

        assertThat(user.email().value()).isEqualTo("alice@example.com");
    }

    @Test
    void invalidUsernameIsRejected() {
        assertViolation(() -> core.latchkey.register().register(registration().username("alice smith").build(), CLIENT),
                Field.USERNAME, Rule.NOT_A_USERNAME);
    }

    @Test
    void shortPasswordIsRejected() {
        assertViolation(() -> core.latchkey.register().register(registration().password("q7#vWz1").build(), CLIENT),
                new Violation(Field.PASSWORD, Rule.TOO_SHORT, 8));
    }

    @Test
    void passwordLongerThan128CharactersAfterNfkcIsRejected() {
        // 43 "ffi" ligatures are 43 characters as typed but 129 after NFKC.
        assertViolation(() -> core.latchkey.register().register(registration().password("\uFB03".repeat(43)).build(), CLIENT),
                new Violation(Field.PASSWORD, Rule.TOO_LONG, 128));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PassWord", "qwerty123"})
    void commonPasswordIsRejectedInAnyCase(String common) {
        assertViolation(() -> core.latchkey.register().register(registration().password(common).build(), CLIENT),
                Field.PASSWORD, Rule.TOO_COMMON);
    }

    @Test
    void allDigitPasswordIsRejected() {
        assertViolation(() -> core.latchkey.register().register(registration().password("80417326955").build(), CLIENT),
                Field.PASSWORD, Rule.ENTIRELY_NUMERIC);
    }

    @Test
    void passwordContainingTheUsernameIsRejected() {
        assertViolation(() -> core.latchkey.register().register(
                        registration().username("Marigold").email("m@example.com").password("my-mariGOLD-77").build(), CLIENT),
                Field.PASSWORD, Rule.TOO_SIMILAR_TO_USERNAME);
    }

    @Test
    void passwordContainingTheEmailLocalPartIsRejected() {
        assertViolation(() -> core.latchkey.register().register(
                        registration().email("Sunflower@example.com").password("xx-SUNFLOWER-xx").build(), CLIENT),
                Field.PASSWORD, Rule.TOO_SIMILAR_TO_EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "email"})
    void duplicateFoundOnlyByTheRepositoryBecomesAValidationFailureOnThatField(String field) {
        UserRepository racing = mock(UserRepository.class);
        doThrow(new UserRepository.DuplicateUser(field)).when(racing).add(any());
        CoreFixture raced = CoreFixture.builder().users(racing).build();

        assertViolation(() -> raced.latchkey.register().register(registration().build(), CLIENT),
                "email".equals(field) ? Field.EMAIL : Field.USERNAME, Rule.TAKEN);
    }
}
