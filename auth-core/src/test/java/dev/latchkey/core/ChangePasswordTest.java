package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.PASSWORD;
import static dev.latchkey.core.Refusals.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ChangePassword}: the current password checked and throttled, the new one's rules, other sessions ended. */
class ChangePasswordTest {

    private final CoreFixture core = CoreFixture.create();

    private static final String NEW_PASSWORD = "purple-otter-meadow";

    @Test
    void wrongOldPasswordIsAValidationFailureOnOldPassword() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        assertViolation(() -> core.latchkey.changePassword().changePassword(caller,
                        new PasswordChange("not-the-password", NEW_PASSWORD, NEW_PASSWORD), CLIENT),
                Field.OLD_PASSWORD, Rule.WRONG_PASSWORD);
    }

    @Test
    void wrongOldPasswordLeavesThePasswordAsItWas() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        assertThatThrownBy(() -> core.latchkey.changePassword().changePassword(caller,
                new PasswordChange("not-the-password", NEW_PASSWORD, NEW_PASSWORD), CLIENT))
                .isInstanceOf(AuthFailure.ValidationFailed.class);

        assertThat(core.logIn("alice")).isNotNull();
    }

    private void wrongOldPassword(Caller caller, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> core.latchkey.changePassword().changePassword(caller,
                    new PasswordChange("not-the-password", NEW_PASSWORD, NEW_PASSWORD), CLIENT))
                    .isInstanceOf(AuthFailure.ValidationFailed.class);
        }
    }

    @Test
    void afterFiveWrongOldPasswordsEvenTheRightOneIsThrottledForOneSecond() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));
        wrongOldPassword(caller, CoreFixture.MAX_FAILURES);

        assertThatThrownBy(() -> core.latchkey.changePassword().changePassword(caller, new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT))
                .isInstanceOfSatisfying(AuthFailure.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

        core.clock.advance(Duration.ofSeconds(1));
        core.latchkey.changePassword().changePassword(caller, new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);
        assertThat(core.logIn("alice", NEW_PASSWORD)).isNotNull();
    }

    @Test
    void theRightOldPasswordResetsTheCount() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));
        wrongOldPassword(caller, CoreFixture.MAX_FAILURES - 1);
        // Right old password, refused new one: nothing changes but the count.
        assertThatThrownBy(() -> core.latchkey.changePassword().changePassword(caller, new PasswordChange(PASSWORD, "password", "password"), CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                        e -> assertThat(e.fields()).contains(Field.NEW_PASSWORD).doesNotContain(Field.OLD_PASSWORD));

        wrongOldPassword(caller, CoreFixture.MAX_FAILURES - 1);
    }

    @Test
    void wrongOldPasswordsOfOneUserDoNotThrottleAnother() {
        core.register("alice");
        core.register("bob");
        wrongOldPassword(core.caller(core.logIn("alice")), CoreFixture.MAX_FAILURES);

        core.latchkey.changePassword().changePassword(core.caller(core.logIn("bob")), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);
    }

    @Test
    void newPasswordMustMeetThePolicy() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        assertViolation(() -> core.latchkey.changePassword().changePassword(caller, new PasswordChange(PASSWORD, "password", "password"), CLIENT),
                Field.NEW_PASSWORD, Rule.TOO_COMMON);
    }

    @Test
    void newPasswordMustNotContainTheUsername() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        assertViolation(() -> core.latchkey.changePassword().changePassword(caller,
                        new PasswordChange(PASSWORD, "hello-ALICE-99", "hello-ALICE-99"), CLIENT),
                Field.NEW_PASSWORD, Rule.TOO_SIMILAR_TO_USERNAME);
    }

    @Test
    void newPasswordConfirmationMustMatch() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        assertViolation(() -> core.latchkey.changePassword().changePassword(caller,
                        new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"), CLIENT),
                Field.NEW_PASSWORD_CONFIRM, Rule.DOES_NOT_MATCH);
    }

    @Test
    void missingFieldsAreRequired() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        assertThatThrownBy(() -> core.latchkey.changePassword().changePassword(caller, new PasswordChange(null, "", null), CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class, e -> assertThat(e.fields()).containsOnly(Field.OLD_PASSWORD, Field.NEW_PASSWORD, Field.NEW_PASSWORD_CONFIRM));
    }

    @Test
    void newPasswordLogsInAndOldOneNoLonger() {
        core.register("alice");
        Caller caller = core.caller(core.logIn("alice"));

        core.latchkey.changePassword().changePassword(caller, new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

        assertThat(core.logIn("alice", NEW_PASSWORD)).isNotNull();
        assertThatThrownBy(() -> core.logIn("alice", PASSWORD)).isInstanceOf(AuthFailure.InvalidCredentials.class);
    }

    @Test
    void changeEndsEveryOtherSessionOfTheUser() {
        core.register("alice");
        TokenPair other = core.logIn("alice");
        TokenPair current = core.logIn("alice");

        core.latchkey.changePassword().changePassword(core.caller(current), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

        assertThatThrownBy(() -> core.latchkey.authenticate().caller(other.access())).isInstanceOf(AuthFailure.TokenRejected.class);
        assertThatThrownBy(() -> core.latchkey.refresh().refresh(other.refresh(), CLIENT))
                .isInstanceOf(AuthFailure.TokenRejected.class);
    }

    @Test
    void changeKeepsTheCurrentSession() {
        core.register("alice");
        TokenPair current = core.logIn("alice");

        core.latchkey.changePassword().changePassword(core.caller(current), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

        assertThat(core.caller(current).sessionId()).isEqualTo(core.sessionIdOf(current));
        assertThat(core.latchkey.refresh().refresh(current.refresh(), CLIENT)).isNotNull();
    }

    @Test
    void changeLeavesOtherUsersSessionsAlone() {
        core.register("alice");
        core.register("bob");
        TokenPair bobs = core.logIn("bob");
        TokenPair alices = core.logIn("alice");

        core.latchkey.changePassword().changePassword(core.caller(alices), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

        assertThat(core.caller(bobs)).isNotNull();
    }
}
