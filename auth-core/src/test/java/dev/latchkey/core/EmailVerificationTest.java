package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Violation.Field;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailVerificationTest {

    private final CoreFixture core = CoreFixture.create();

    private static void assertTokenRefused(Runnable attempt) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.fields()).containsOnly(Field.TOKEN));
    }

    @Test
    void registrationMailsAVerificationLinkAndLeavesTheAddressUnverified() {
        User alice = core.register("alice");

        assertThat(alice.emailVerified()).isFalse();
        var message = core.mailer.sentTo("alice@example.com").get(0);
        assertThat(message.subject()).isEqualTo("Verify your e-mail address");
        assertThat(message.text()).contains("https://auth.example.test/account/verify-email/#token=").contains("2 days");
    }

    @Test
    void linkVerifiesTheAddressOnce() {
        User alice = core.register("alice");
        String token = core.lastLinkTokenTo("alice@example.com");

        User verified = core.verifyEmail.verify(token, CLIENT);

        assertThat(verified.id()).isEqualTo(alice.id());
        assertThat(verified.emailVerified()).isTrue();
        assertThat(core.audit.events()).extracting(AuditEvent::type).contains(AuditEvent.Type.EMAIL_VERIFIED);
        assertTokenRefused(() -> core.verifyEmail.verify(token, CLIENT));
    }

    @Test
    void linkExpiresAfterItsLifetime() {
        core.register("alice");
        String token = core.lastLinkTokenTo("alice@example.com");

        core.clock.advance(Duration.ofDays(2));

        assertTokenRefused(() -> core.verifyEmail.verify(token, CLIENT));
    }

    @Test
    void resetLinkIsNoVerificationLink() {
        core.register("alice");
        core.requestPasswordReset.request("alice@example.com", CLIENT);
        String resetToken = core.lastLinkTokenTo("alice@example.com");

        assertTokenRefused(() -> core.verifyEmail.verify(resetToken, CLIENT));
    }

    @Test
    void missingOrOverlongTokenIsAFieldError() {
        assertTokenRefused(() -> core.verifyEmail.verify(null, CLIENT));
        assertTokenRefused(() -> core.verifyEmail.verify("x".repeat(10_000), CLIENT));
    }

    @Test
    void resendSendsANewLinkUntilTheHourlyShareIsUsed() {
        core.register("alice");
        var caller = core.caller(core.logIn("alice"));
        for (int i = 1; i < CoreFixture.MAIL_POLICY.mailsPerAccountPerHour(); i++) {
            core.resendVerification.resend(caller, CLIENT);
        }
        assertThat(core.mailer.sentTo("alice@example.com")).hasSize(CoreFixture.MAIL_POLICY.mailsPerAccountPerHour());

        core.clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> core.resendVerification.resend(caller, CLIENT))
                .isInstanceOfSatisfying(AuthFailure.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(50)));
    }

    @Test
    void everyResentLinkWorks() {
        core.register("alice");
        String first = core.lastLinkTokenTo("alice@example.com");
        core.resendVerification.resend(core.caller(core.logIn("alice")), CLIENT);
        String second = core.lastLinkTokenTo("alice@example.com");

        assertThat(second).isNotEqualTo(first);
        assertThat(core.verifyEmail.verify(first, CLIENT).emailVerified()).isTrue();
    }

    @Test
    void unverifiedAddressMayLogInByDefault() {
        core.register("alice");

        assertThat(core.logIn("alice").access()).isNotBlank();
    }

    @Nested
    class WhenAVerifiedAddressIsRequired {

        private final CoreFixture strict = CoreFixture.builder().requireVerifiedEmail().build();

        @Test
        void rightPasswordOnAnUnverifiedAddressStartsNoSession() {
            strict.register("alice");

            assertThatThrownBy(() -> strict.logIn("alice")).isInstanceOf(AuthFailure.EmailNotVerified.class);
            assertThat(strict.sessionStore.findActiveByUser(strict.users.findByUsernameKey("alice").orElseThrow().id(),
                    CoreFixture.T0)).isEmpty();
        }

        @Test
        void wrongPasswordIsStillInvalidCredentials() {
            strict.register("alice");

            assertThatThrownBy(() -> strict.logIn("alice", "wrong-password")).isInstanceOf(AuthFailure.InvalidCredentials.class);
        }

        @Test
        void verifiedAddressLogsIn() {
            strict.register("alice");
            strict.verifyEmail.verify(strict.lastLinkTokenTo("alice@example.com"), CLIENT);

            assertThat(strict.logIn("alice").access()).isNotBlank();
        }
    }
}
