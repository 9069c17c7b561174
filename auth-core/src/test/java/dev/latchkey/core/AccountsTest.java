package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.UserRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.PASSWORD;
import static dev.latchkey.core.CoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

class AccountsTest {

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

    /** Asserts that {@code call} fails validation with {@code message} among the messages of {@code field}. */
    private static void assertFieldError(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.errors()).hasEntrySatisfying(field, messages -> assertThat(messages).contains(message)));
    }

    private static void assertFieldErrorContaining(ThrowingCallable call, String field, String fragment) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.errors()).hasEntrySatisfying(field,
                        messages -> assertThat(messages).anySatisfy(m -> assertThat(m).contains(fragment))));
    }

    @Nested
    class Register {

        @Test
        void validRegistrationOpensAnActiveAccountAsTyped() {
            core.clock.advance(Duration.ofMinutes(3));

            User user = core.accounts.register(registration().username("Alice.B_c-1").email("Alice@Example.com").build(), CLIENT);

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
            User user = core.accounts.register(registration().build(), CLIENT);

            String stored = core.users.findById(user.id()).orElseThrow().passwordHash();
            assertThat(stored).doesNotContain(PASSWORD).startsWith("$2b$04$");
            assertThat(core.hasher.verify(PASSWORD, stored)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        void missingUsernameIsRequired(String missing) {
            assertFieldError(() -> core.accounts.register(registration().username(missing).build(), CLIENT),
                    "username", "This field is required.");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void missingEmailIsRequired(String missing) {
            assertFieldError(() -> core.accounts.register(registration().email(missing).build(), CLIENT),
                    "email", "This field is required.");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void missingPasswordIsRequired(String missing) {
            assertFieldError(() -> core.accounts.register(registration().password(missing).passwordConfirm(PASSWORD).build(), CLIENT),
                    "password", "This field is required.");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void missingPasswordConfirmationIsRequired(String missing) {
            assertFieldError(() -> core.accounts.register(registration().passwordConfirm(missing).build(), CLIENT),
                    "password_confirm", "This field is required.");
        }

        @Test
        void everyMissingFieldIsReportedAtOnce() {
            assertThatThrownBy(() -> core.accounts.register(new Registration(null, null, null, null), CLIENT))
                    .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class, e -> assertThat(e.errors())
                            .containsOnlyKeys("username", "email", "password", "password_confirm"));
        }

        @Test
        void confirmationThatDiffersIsRejected() {
            assertFieldError(() -> core.accounts.register(registration().passwordConfirm(PASSWORD + "x").build(), CLIENT),
                    "password_confirm", "Password fields didn't match.");
        }

        @Test
        void confirmationIsComparedAfterNfkc() {
            // U+FB01 is the "fi" ligature: NFKC makes both the same password.
            User user = core.accounts.register(
                    registration().password("quiet-fish-lantern").passwordConfirm("quiet-\uFB01sh-lantern").build(), CLIENT);

            assertThat(user).isNotNull();
        }

        @Test
        void rejectedRegistrationStoresNothing() {
            assertThatThrownBy(() -> core.accounts.register(registration().passwordConfirm("other-password").build(), CLIENT))
                    .isInstanceOf(AuthFailure.ValidationFailed.class);

            assertThat(core.users.findByUsernameKey("alice")).isEmpty();
        }

        @Test
        void usernameTakenInAnotherCaseIsADuplicate() {
            core.accounts.register(registration().username("Alice").build(), CLIENT);

            assertFieldError(() -> core.accounts.register(registration().username("aLICE").email("other@example.com").build(), CLIENT),
                    "username", "A user with that username already exists.");
        }

        @Test
        void usernameTakenInFullWidthFormIsADuplicate() {
            core.accounts.register(registration().username("full").build(), CLIENT);

            assertFieldError(() -> core.accounts.register(
                            registration().username("\uFF46\uFF55\uFF4C\uFF4C").email("other@example.com").build(), CLIENT),
                    "username", "A user with that username already exists.");
        }

        @Test
        void fullWidthUsernameIsStoredInItsNfkcForm() {
            User user = core.accounts.register(registration().username("\uFF26\uFF55\uFF4C\uFF4C").build(), CLIENT);

            assertThat(user.username().value()).isEqualTo("Full");
        }

        @Test
        void emailTakenInAnotherCaseIsADuplicate() {
            core.accounts.register(registration().email("alice@example.com").build(), CLIENT);

            assertFieldError(() -> core.accounts.register(registration().username("bob").email("ALICE@Example.COM").build(), CLIENT),
                    "email", "A user with that email already exists.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"alice", "alice@localhost", "alice smith@example.com", "@example.com", "alice@"})
        void invalidEmailIsRejected(String email) {
            assertFieldError(() -> core.accounts.register(registration().email(email).build(), CLIENT),
                    "email", "Enter a valid email address.");
        }

        @Test
        void emailIsStrippedOfSurroundingSpaces() {
            User user = core.accounts.register(registration().email("  alice@example.com ").build(), CLIENT);

            assertThat(user.email().value()).isEqualTo("alice@example.com");
        }

        @Test
        void invalidUsernameIsRejected() {
            assertFieldErrorContaining(() -> core.accounts.register(registration().username("alice smith").build(), CLIENT),
                    "username", "Enter a valid username.");
        }

        @Test
        void shortPasswordIsRejected() {
            assertFieldErrorContaining(() -> core.accounts.register(registration().password("q7#vWz1").build(), CLIENT),
                    "password", "too short");
        }

        @Test
        void passwordLongerThan128CharactersAfterNfkcIsRejected() {
            // 43 "ffi" ligatures are 43 characters as typed but 129 after NFKC.
            assertFieldErrorContaining(() -> core.accounts.register(registration().password("\uFB03".repeat(43)).build(), CLIENT),
                    "password", "no more than 128 characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"password", "PassWord", "qwerty123"})
        void commonPasswordIsRejectedInAnyCase(String common) {
            assertFieldError(() -> core.accounts.register(registration().password(common).build(), CLIENT),
                    "password", "This password is too common.");
        }

        @Test
        void allDigitPasswordIsRejected() {
            assertFieldError(() -> core.accounts.register(registration().password("80417326955").build(), CLIENT),
                    "password", "This password is entirely numeric.");
        }

        @Test
        void passwordContainingTheUsernameIsRejected() {
            assertFieldError(() -> core.accounts.register(
                            registration().username("Marigold").email("m@example.com").password("my-mariGOLD-77").build(), CLIENT),
                    "password", "The password is too similar to the username.");
        }

        @Test
        void passwordContainingTheEmailLocalPartIsRejected() {
            assertFieldError(() -> core.accounts.register(
                            registration().email("Sunflower@example.com").password("xx-SUNFLOWER-xx").build(), CLIENT),
                    "password", "The password is too similar to the email address.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"username", "email"})
        void duplicateFoundOnlyByTheRepositoryBecomesAValidationFailureOnThatField(String field) {
            UserRepository racing = mock(UserRepository.class);
            doThrow(new UserRepository.DuplicateUser(field)).when(racing).add(any());
            CoreFixture raced = CoreFixture.builder().users(racing).build();

            assertFieldError(() -> raced.accounts.register(registration().build(), CLIENT),
                    field, "A user with that " + field + " already exists.");
        }
    }

    @Nested
    class CurrentUser {

        @Test
        void callerIsTheirAccount() {
            User alice = core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            assertThat(core.accounts.currentUser(caller).id()).isEqualTo(alice.id());
        }

        @Test
        void deactivatedCallerIsRejected() {
            User alice = core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));
            core.users.setActive(alice.id(), false);

            assertThatThrownBy(() -> core.accounts.currentUser(caller)).isInstanceOf(AuthFailure.TokenRejected.class);
        }
    }

    @Nested
    class ChangePassword {

        private static final String NEW_PASSWORD = "purple-otter-meadow";

        @Test
        void wrongOldPasswordIsAValidationFailureOnOldPassword() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            assertFieldError(() -> core.accounts.changePassword(caller,
                            new PasswordChange("not-the-password", NEW_PASSWORD, NEW_PASSWORD), CLIENT),
                    "old_password", "Your old password was entered incorrectly.");
        }

        @Test
        void wrongOldPasswordLeavesThePasswordAsItWas() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            assertThatThrownBy(() -> core.accounts.changePassword(caller,
                    new PasswordChange("not-the-password", NEW_PASSWORD, NEW_PASSWORD), CLIENT))
                    .isInstanceOf(AuthFailure.ValidationFailed.class);

            assertThat(core.logIn("alice")).isNotNull();
        }

        private void wrongOldPassword(Caller caller, int times) {
            for (int i = 0; i < times; i++) {
                assertThatThrownBy(() -> core.accounts.changePassword(caller,
                        new PasswordChange("not-the-password", NEW_PASSWORD, NEW_PASSWORD), CLIENT))
                        .isInstanceOf(AuthFailure.ValidationFailed.class);
            }
        }

        @Test
        void afterFiveWrongOldPasswordsEvenTheRightOneIsThrottledForOneSecond() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));
            wrongOldPassword(caller, CoreFixture.MAX_FAILURES);

            assertThatThrownBy(() -> core.accounts.changePassword(caller, new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT))
                    .isInstanceOfSatisfying(AuthFailure.Throttled.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

            core.clock.advance(Duration.ofSeconds(1));
            core.accounts.changePassword(caller, new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);
            assertThat(core.logIn("alice", NEW_PASSWORD)).isNotNull();
        }

        @Test
        void theRightOldPasswordResetsTheCount() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));
            wrongOldPassword(caller, CoreFixture.MAX_FAILURES - 1);
            // Right old password, refused new one: nothing changes but the count.
            assertThatThrownBy(() -> core.accounts.changePassword(caller, new PasswordChange(PASSWORD, "password", "password"), CLIENT))
                    .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                            e -> assertThat(e.errors()).containsKey("new_password").doesNotContainKey("old_password"));

            wrongOldPassword(caller, CoreFixture.MAX_FAILURES - 1);
        }

        @Test
        void wrongOldPasswordsOfOneUserDoNotThrottleAnother() {
            core.register("alice");
            core.register("bob");
            wrongOldPassword(core.caller(core.logIn("alice")), CoreFixture.MAX_FAILURES);

            core.accounts.changePassword(core.caller(core.logIn("bob")), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);
        }

        @Test
        void newPasswordMustMeetThePolicy() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            assertFieldError(() -> core.accounts.changePassword(caller, new PasswordChange(PASSWORD, "password", "password"), CLIENT),
                    "new_password", "This password is too common.");
        }

        @Test
        void newPasswordMustNotContainTheUsername() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            assertFieldError(() -> core.accounts.changePassword(caller,
                            new PasswordChange(PASSWORD, "hello-ALICE-99", "hello-ALICE-99"), CLIENT),
                    "new_password", "The password is too similar to the username.");
        }

        @Test
        void newPasswordConfirmationMustMatch() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            assertFieldError(() -> core.accounts.changePassword(caller,
                            new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"), CLIENT),
                    "new_password_confirm", "Password fields didn't match.");
        }

        @Test
        void missingFieldsAreRequired() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            assertThatThrownBy(() -> core.accounts.changePassword(caller, new PasswordChange(null, "", null), CLIENT))
                    .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class, e -> assertThat(e.errors())
                            .containsOnlyKeys("old_password", "new_password", "new_password_confirm"));
        }

        @Test
        void newPasswordLogsInAndOldOneNoLonger() {
            core.register("alice");
            Caller caller = core.caller(core.logIn("alice"));

            core.accounts.changePassword(caller, new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

            assertThat(core.logIn("alice", NEW_PASSWORD)).isNotNull();
            assertThatThrownBy(() -> core.logIn("alice", PASSWORD)).isInstanceOf(AuthFailure.InvalidCredentials.class);
        }

        @Test
        void changeEndsEveryOtherSessionOfTheUser() {
            core.register("alice");
            TokenPair other = core.logIn("alice");
            TokenPair current = core.logIn("alice");

            core.accounts.changePassword(core.caller(current), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

            assertThatThrownBy(() -> core.sessions.authenticate(other.access())).isInstanceOf(AuthFailure.TokenRejected.class);
            assertThatThrownBy(() -> core.sessions.refresh(other.refresh(), CLIENT))
                    .isInstanceOf(AuthFailure.TokenRejected.class);
        }

        @Test
        void changeKeepsTheCurrentSession() {
            core.register("alice");
            TokenPair current = core.logIn("alice");

            core.accounts.changePassword(core.caller(current), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

            assertThat(core.caller(current).sessionId()).isEqualTo(core.sessionIdOf(current));
            assertThat(core.sessions.refresh(current.refresh(), CLIENT)).isNotNull();
        }

        @Test
        void changeLeavesOtherUsersSessionsAlone() {
            core.register("alice");
            core.register("bob");
            TokenPair bobs = core.logIn("bob");
            TokenPair alices = core.logIn("alice");

            core.accounts.changePassword(core.caller(alices), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

            assertThat(core.caller(bobs)).isNotNull();
        }
    }

    @Nested
    class Deactivate {

        @Test
        void deactivatedAccountCannotLogIn() {
            User alice = core.register("alice");

            assertThat(core.accounts.deactivate(alice.id())).isTrue();

            assertThatThrownBy(() -> core.logIn("alice")).isInstanceOf(AuthFailure.InvalidCredentials.class);
        }

        @Test
        void deactivationRejectsTheAccountsTokensAtOnce() {
            User alice = core.register("alice");
            TokenPair pair = core.logIn("alice");

            core.accounts.deactivate(alice.id());

            assertThatThrownBy(() -> core.sessions.authenticate(pair.access())).isInstanceOf(AuthFailure.TokenRejected.class);
            assertThatThrownBy(() -> core.sessions.refresh(pair.refresh(), CLIENT))
                    .isInstanceOf(AuthFailure.TokenRejected.class);
            assertThat(core.sessionStore.findActiveByUser(alice.id(), core.clock.instant())).isEmpty();
        }

        @Test
        void deactivatingAnUnknownUserAnswersFalse() {
            assertThat(core.accounts.deactivate("00000000-0000-0000-0000-000000000000")).isFalse();
        }
    }

    @Nested
    class FindByUsername {

        @Test
        void findsTheAccountWhateverTheCase() {
            User alice = core.register("Alice");

            assertThat(core.accounts.findByUsername("aLICE")).contains(alice);
        }

        @Test
        void unknownOrBlankUsernameFindsNothing() {
            core.register("alice");

            assertThat(core.accounts.findByUsername("bob")).isEmpty();
            assertThat(core.accounts.findByUsername(" ")).isEmpty();
            assertThat(core.accounts.findByUsername(null)).isEmpty();
        }
    }
}
