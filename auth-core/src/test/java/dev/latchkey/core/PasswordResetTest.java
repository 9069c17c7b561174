package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.PasswordReset;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.port.Simultaneously;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordResetTest {

    private static final String NEW_PASSWORD = "a-whole-new-lantern";

    private final CoreFixture core = CoreFixture.create();

    private String requestLink(User user) {
        core.requestPasswordReset.request(user.email().value(), CLIENT);
        return core.lastLinkTokenTo(user.email().value());
    }

    private void reset(String token, String password) {
        core.resetPassword.reset(new PasswordReset(token, password, password), CLIENT);
    }

    private static void assertTokenRefused(Runnable attempt) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.fields()).containsOnly(Field.TOKEN));
    }

    @Test
    void linkSentToAnActiveAccountSetsANewPassword() {
        User alice = core.register("alice");

        reset(requestLink(alice), NEW_PASSWORD);

        assertThat(core.logIn("alice", NEW_PASSWORD).access()).isNotBlank();
        assertThatThrownBy(() -> core.logIn("alice", PASSWORD)).isInstanceOf(AuthFailure.InvalidCredentials.class);
    }

    @Test
    void messageHoldsALinkToTheResetPageAndGoesToTheAccountsAddress() {
        User alice = core.register("alice");
        core.requestPasswordReset.request("  ALICE@example.com ", CLIENT);

        var message = core.mailer.sentTo(alice.email().value()).get(1);
        assertThat(message.subject()).isEqualTo("Reset your password");
        assertThat(message.text()).contains("https://auth.example.test/account/reset-password/#token=")
                .contains("30 minutes");
    }

    @Test
    void unknownAddressGetsNoMessageAndNoRefusal() {
        core.requestPasswordReset.request("nobody@example.com", CLIENT);

        assertThat(core.mailer.sent()).isEmpty();
        assertThat(core.audit.events()).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        AuditEvent.Type.PASSWORD_RESET_REQUESTED, null, "unknown address"));
    }

    @Test
    void inactiveAccountGetsNoMessage() {
        User alice = core.register("alice");
        core.latchkey.deactivate().deactivate(alice.id());

        core.requestPasswordReset.request(alice.email().value(), CLIENT);

        assertThat(core.mailer.sentTo(alice.email().value())).hasSize(1); // the verification at registration
    }

    @Test
    void missingOrInvalidAddressIsAFieldError() {
        assertThatThrownBy(() -> core.requestPasswordReset.request(null, CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class, e -> assertThat(e.fields()).containsOnly(Field.EMAIL));
        assertThatThrownBy(() -> core.requestPasswordReset.request("not an address", CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class, e -> assertThat(e.fields()).containsOnly(Field.EMAIL));
    }

    @Test
    void resetEndsEverySessionVerifiesTheAddressAndIsAudited() {
        User alice = core.register("alice");
        TokenPair first = core.logIn("alice");
        TokenPair second = core.logIn("alice");

        reset(requestLink(alice), NEW_PASSWORD);

        assertThatThrownBy(() -> core.caller(first)).isInstanceOf(AuthFailure.TokenRejected.class);
        assertThatThrownBy(() -> core.caller(second)).isInstanceOf(AuthFailure.TokenRejected.class);
        assertThat(core.users.findById(alice.id())).get().extracting(User::emailVerified).isEqualTo(true);
        assertThat(core.audit.events()).extracting(AuditEvent::type).contains(AuditEvent.Type.PASSWORD_RESET);
    }

    @Test
    void tokenWorksOnce() {
        User alice = core.register("alice");
        String token = requestLink(alice);
        reset(token, NEW_PASSWORD);

        assertTokenRefused(() -> reset(token, "yet-another-lantern"));
    }

    @Test
    void tokenExpiresAfterItsLifetime() {
        User alice = core.register("alice");
        String token = requestLink(alice);

        core.clock.advance(Duration.ofMinutes(30));

        assertTokenRefused(() -> reset(token, NEW_PASSWORD));
    }

    @Test
    void unknownTokenIsAFieldErrorOnToken() {
        assertTokenRefused(() -> reset("no-such-token", NEW_PASSWORD));
    }

    @Test
    void passwordBreakingARuleLeavesTheTokenUnspent() {
        User alice = core.register("alice");
        String token = requestLink(alice);

        assertThatThrownBy(() -> core.resetPassword.reset(new PasswordReset(token, "short", "short"), CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                        e -> assertThat(e.fields()).containsOnly(Field.NEW_PASSWORD));
        assertThatThrownBy(() -> core.resetPassword.reset(new PasswordReset(token, NEW_PASSWORD, "other-lantern-x"), CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                        e -> assertThat(e.fields()).containsOnly(Field.NEW_PASSWORD_CONFIRM));
        assertThatThrownBy(() -> reset(token, "alice-lantern"))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                        e -> assertThat(e.fields()).containsOnly(Field.NEW_PASSWORD));

        reset(token, NEW_PASSWORD);
        assertThat(core.logIn("alice", NEW_PASSWORD).access()).isNotBlank();
    }

    @Test
    void passwordChangeRevokesResetLinks() {
        User alice = core.register("alice");
        String token = requestLink(alice);
        TokenPair session = core.logIn("alice");

        core.latchkey.changePassword().changePassword(core.caller(session), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);

        assertTokenRefused(() -> reset(token, "yet-another-lantern"));
    }

    @Test
    void deactivationRevokesResetLinks() {
        User alice = core.register("alice");
        String token = requestLink(alice);

        core.latchkey.deactivate().deactivate(alice.id());
        core.users.setActive(alice.id(), true);

        assertTokenRefused(() -> reset(token, NEW_PASSWORD));
    }

    @Test
    void aResetRevokesTheAccountsOtherResetLinks() {
        User alice = core.register("alice");
        String older = requestLink(alice);
        String newer = requestLink(alice);

        reset(newer, NEW_PASSWORD);

        assertTokenRefused(() -> reset(older, "yet-another-lantern"));
    }

    @Test
    void accountGetsNoMoreThanItsHourlyShareOfMail() {
        User alice = core.register("alice"); // one message: the verification link

        for (int i = 0; i < 6; i++) {
            core.requestPasswordReset.request(alice.email().value(), CLIENT);
        }

        assertThat(core.mailer.sentTo(alice.email().value())).hasSize(CoreFixture.MAIL_POLICY.mailsPerAccountPerHour());
        assertThat(core.audit.events()).extracting(AuditEvent::detail).contains("hourly mail limit reached: nothing sent");

        core.clock.advance(Duration.ofHours(1));
        core.requestPasswordReset.request(alice.email().value(), CLIENT);
        assertThat(core.mailer.sentTo(alice.email().value())).hasSize(CoreFixture.MAIL_POLICY.mailsPerAccountPerHour() + 1);
    }

    @Test
    void clientAddressAskingTooOftenIsThrottled() {
        for (int i = 0; i < CoreFixture.MAIL_POLICY.resetRequestsPerAddressPerHour(); i++) {
            core.requestPasswordReset.request("someone" + i + "@example.com", CLIENT);
        }

        assertThatThrownBy(() -> core.requestPasswordReset.request("someone@example.com", CLIENT))
                .isInstanceOfSatisfying(AuthFailure.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void resetClearsTheAccountsLoginThrottle() {
        User alice = core.register("alice");
        for (int i = 0; i < CoreFixture.MAX_FAILURES; i++) {
            assertThatThrownBy(() -> core.logIn("alice", "wrong-password")).isInstanceOf(AuthFailure.InvalidCredentials.class);
        }
        assertThatThrownBy(() -> core.logIn("alice", PASSWORD)).isInstanceOf(AuthFailure.Throttled.class);

        reset(requestLink(alice), NEW_PASSWORD);

        assertThat(core.logIn("alice", NEW_PASSWORD).access()).isNotBlank();
    }

    @Test
    void ofTwoSimultaneousResetsWithOneTokenExactlyOneWins() throws Exception {
        User alice = core.register("alice");
        String token = requestLink(alice);
        List<String> passwords = List.of("first-new-lantern", "second-new-lantern");

        List<Boolean> outcomes = Simultaneously.run(2, i -> () -> {
            try {
                reset(token, passwords.get(i));
                return true;
            } catch (AuthFailure.ValidationFailed lost) {
                return false;
            }
        });

        assertThat(outcomes).containsExactlyInAnyOrder(true, false);
    }
}
