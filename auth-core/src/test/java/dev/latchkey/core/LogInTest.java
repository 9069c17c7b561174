package dev.latchkey.core;

import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.Credentials;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.port.Fixtures;
import dev.latchkey.core.port.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.PASSWORD;
import static dev.latchkey.core.CoreFixture.T0;
import static dev.latchkey.core.Refusals.assertOnlyFields;
import static dev.latchkey.core.Refusals.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@link LogIn}: credentials, throttling and rehashing. */
class LogInTest {

    private static final String WRONG = "not-the-password";

    private final CoreFixture core = CoreFixture.create();

    private void failLogIns(CoreFixture fixture, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> fixture.logIn("alice", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);
        }
    }

    /** The wait a further (wrong) try is told, which must be a refusal. */
    private Duration throttledFor(String login) {
        AuthFailure.Throttled throttled = catchThrowableOfType(AuthFailure.Throttled.class, () -> core.logIn(login, WRONG));
        assertThat(throttled).as("throttled").isNotNull();
        return throttled.retryAfter();
    }

    @Test
    void logInAnswersATokenPairForANewSessionOfTheUser() {
        User alice = core.register("alice");

        TokenPair pair = core.logIn("alice");

        assertThat(pair.expiresInSeconds()).isEqualTo(15 * 60);
        Caller caller = core.caller(pair);
        assertThat(caller.userId()).isEqualTo(alice.id());
        assertThat(core.sessionStore.findById(caller.sessionId())).hasValueSatisfying(s -> {
            assertThat(s.userId()).isEqualTo(alice.id());
            assertThat(s.createdAt()).isEqualTo(T0);
            assertThat(s.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
            assertThat(s.refreshExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
            assertThat(s.ip()).isEqualTo(CLIENT.ip());
            assertThat(s.userAgent()).isEqualTo(CLIENT.userAgent());
        });
    }

    @Test
    void logInByEmailWorksInAnyCase() {
        User alice = core.register("alice");

        assertThat(core.caller(core.logIn("ALICE@Example.COM")).userId()).isEqualTo(alice.id());
    }

    @Test
    void logInByUsernameWorksInAnyCase() {
        User alice = core.register("alice");

        assertThat(core.caller(core.logIn("aLiCe")).userId()).isEqualTo(alice.id());
    }

    @Test
    void logInByFullWidthUsernameFindsTheAccount() {
        User alice = core.register("alice");

        assertThat(core.caller(core.logIn("\uFF21\uFF4C\uFF49\uFF43\uFF45")).userId()).isEqualTo(alice.id());
    }

    @Test
    void passwordIsComparedAfterNfkc() {
        core.latchkey.register().register(new Registration(
                "alice", "alice@example.com", "quiet-fish-lantern", "quiet-fish-lantern"), CLIENT);

        assertThat(core.logIn("alice", "quiet-\uFB01sh-lantern")).isNotNull();
    }

    @Test
    void missingLoginAndPasswordAreValidationFailures() {
        assertThatThrownBy(() -> core.latchkey.logIn().logIn(new Credentials(" ", null), CLIENT))
                .isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                        e -> assertThat(e.fields()).containsOnly(Field.LOGIN, Field.PASSWORD));
    }

    @Test
    void wrongPasswordUnknownUserAndInactiveAccountFailAlike() {
        core.register("alice");
        User carol = core.register("carol");
        core.latchkey.deactivate().deactivate(carol.id());

        AuthFailure wrongPassword = catchThrowableOfType(AuthFailure.class, () -> core.logIn("alice", WRONG));
        AuthFailure unknownUser = catchThrowableOfType(AuthFailure.class, () -> core.logIn("nobody"));
        AuthFailure inactive = catchThrowableOfType(AuthFailure.class, () -> core.logIn("carol"));

        assertThat(List.of(wrongPassword, unknownUser, inactive))
                .allSatisfy(e -> assertThat(e).isInstanceOf(AuthFailure.InvalidCredentials.class)
                        .hasMessage(wrongPassword.getMessage()));
    }

    @Test
    void logInSetsLastLogin() {
        User alice = core.register("alice");
        core.clock.advance(Duration.ofHours(2));

        core.logIn("alice");

        assertThat(core.users.findById(alice.id()).orElseThrow().lastLogin()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void failedLogInLeavesLastLoginUnset() {
        User alice = core.register("alice");

        assertThatThrownBy(() -> core.logIn("alice", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);

        assertThat(core.users.findById(alice.id()).orElseThrow().lastLogin()).isNull();
    }

    @Test
    void unknownUserStillCostsAPasswordVerification() {
        PasswordHasher hasher = spy(new BcryptPasswordHasher(4));
        CoreFixture spied = CoreFixture.builder().hasher(hasher).build();

        assertThatThrownBy(() -> spied.logIn("nobody", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);

        verify(hasher).verify(eq(WRONG), anyString());
    }

    @Test
    void unknownUsersFirstLogInCostsOneVerificationAndNoHashing() {
        PasswordHasher hasher = spy(new BcryptPasswordHasher(4));
        CoreFixture spied = CoreFixture.builder().hasher(hasher).build();
        clearInvocations(hasher);

        assertThatThrownBy(() -> spied.logIn("nobody", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);

        verify(hasher, times(1)).verify(eq(WRONG), anyString());
        verify(hasher, never()).hash(anyString());
    }

    @Test
    void unknownUserIsCheckedAgainstAHashOfTheHashersOwnKindAndCost() {
        PasswordHasher hasher = spy(new BcryptPasswordHasher(4));
        CoreFixture spied = CoreFixture.builder().hasher(hasher).build();
        String real = spied.hasher.hash(PASSWORD);
        ArgumentCaptor<String> checked = ArgumentCaptor.forClass(String.class);

        assertThatThrownBy(() -> spied.logIn("nobody", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);

        verify(hasher).verify(eq(WRONG), checked.capture());
        assertThat(checked.getValue()).hasSameSizeAs(real).startsWith(real.substring(0, "$2b$04$".length()));
    }

    @Test
    void aHasherWhoseUnknownAccountHashIsWeakerThanItsRealOnesIsRefused() {
        PasswordHasher hasher = spy(new BcryptPasswordHasher(5));
        when(hasher.unknownAccountHash()).thenReturn(new BcryptPasswordHasher(4).unknownAccountHash());

        assertThatThrownBy(() -> Latchkey.builder().hasher(hasher).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongPasswordCostsExactlyOneVerificationAndNoHashing() {
        PasswordHasher hasher = spy(new BcryptPasswordHasher(4));
        CoreFixture spied = CoreFixture.builder().hasher(hasher).build();
        spied.register("alice");
        clearInvocations(hasher);

        assertThatThrownBy(() -> spied.logIn("alice", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);

        verify(hasher, times(1)).verify(eq(WRONG), anyString());
        verify(hasher, never()).hash(anyString());
    }

    @Test
    void fewerFailuresThanTheLimitDoNotThrottle() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES - 1);

        assertThat(core.logIn("alice")).isNotNull();
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsThrottledForOneSecond() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES);

        assertThatThrownBy(() -> core.logIn("alice"))
                .isInstanceOfSatisfying(AuthFailure.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void throttleLiftsOnceTheWaitIsOver() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES);
        core.clock.advance(Duration.ofSeconds(1));

        assertThat(core.logIn("alice")).isNotNull();
    }

    @Test
    void throttleWaitDoublesWithEachFurtherFailure() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Duration wait = throttledFor("alice");
            waits.add(wait);
            core.clock.advance(wait);
            failLogIns(core, 1);
        }

        assertThat(waits).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void throttleWaitIsCappedAtFifteenMinutes() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            Duration wait = throttledFor("alice");
            waits.add(wait);
            core.clock.advance(wait);
            failLogIns(core, 1);
        }

        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMinutes(15)));
        assertThat(waits.subList(10, 14)).containsOnly(Duration.ofMinutes(15));
        assertThat(waits.get(9)).isEqualTo(Duration.ofSeconds(512));
    }

    @Test
    void throttleWaitCountsDownInWholeSecondsRoundedUp() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES);
        core.clock.advance(Duration.ofSeconds(1));
        failLogIns(core, 1); // blocked for 2 s from here
        core.clock.advance(Duration.ofMillis(500));

        assertThat(throttledFor("alice")).isEqualTo(Duration.ofSeconds(2));
        core.clock.advance(Duration.ofMillis(1000));
        assertThat(throttledFor("alice")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void throttledTriesDoNotLengthenTheWait() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES);
        for (int i = 0; i < 10; i++) {
            throttledFor("alice");
        }
        core.clock.advance(Duration.ofSeconds(1));

        assertThat(core.logIn("alice")).isNotNull();
    }

    @Test
    void throttledTryDoesNoHashing() {
        PasswordHasher hasher = spy(new BcryptPasswordHasher(4));
        CoreFixture spied = CoreFixture.builder().hasher(hasher).build();
        spied.register("alice");
        failLogIns(spied, CoreFixture.MAX_FAILURES);
        clearInvocations(hasher);

        assertThatThrownBy(() -> spied.logIn("alice")).isInstanceOf(AuthFailure.Throttled.class);

        verifyNoInteractions(hasher);
    }

    @Test
    void successResetsTheFailureCount() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES - 1);
        core.logIn("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES - 1);

        assertThat(core.logIn("alice")).isNotNull();
    }

    @Test
    void throttleOfOneAccountLeavesOtherAccountsAlone() {
        core.register("alice");
        core.register("bob");
        failLogIns(core, CoreFixture.MAX_FAILURES);

        assertThat(core.logIn("bob")).isNotNull();
    }

    @Test
    void throttleOfOneAddressLeavesOtherAddressesAlone() {
        core.register("alice");
        failLogIns(core, CoreFixture.MAX_FAILURES);

        assertThat(core.latchkey.logIn().logIn(new Credentials("alice", PASSWORD), new ClientInfo("198.51.100.7", null)))
                .isNotNull();
    }

    @Test
    void failuresByUsernameAndByEmailCountForTheSameAccount() {
        // The limit is per account: naming it two ways must not double the guesses before a wait.
        core.register("alice");
        for (int i = 0; i < CoreFixture.MAX_FAILURES; i++) {
            String login = i % 2 == 0 ? "alice" : "alice@example.com";
            assertThatThrownBy(() -> core.logIn(login, WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);
        }

        assertThatThrownBy(() -> core.logIn("alice@example.com")).isInstanceOf(AuthFailure.Throttled.class);
    }

    @Test
    void loginsThatCouldNotBeCheckedAreNotCountedAsFailures() {
        PasswordHasher busy = spy(new BcryptPasswordHasher(4));
        CoreFixture fixture = CoreFixture.builder().hasher(busy).build();
        fixture.register("alice");
        doThrow(new AuthFailure.Unavailable("saturated", Duration.ofSeconds(1)))
                .when(busy).verify(anyString(), anyString());

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> fixture.logIn("alice")).isInstanceOf(AuthFailure.Unavailable.class);
        }
        doCallRealMethod().when(busy).verify(anyString(), anyString());

        assertThat(fixture.logIn("alice")).isNotNull();
    }

    @Test
    void storedHashOfLowerCostIsRehashedAtTheHasherCost() {
        CoreFixture stronger = CoreFixture.builder().hasher(new BcryptPasswordHasher(5)).build();
        User alice = Fixtures.user("alice").withPasswordHash(new BcryptPasswordHasher(4).hash(PASSWORD));
        stronger.users.add(alice);

        stronger.logIn("alice");

        String rehashed = stronger.users.findById(alice.id()).orElseThrow().passwordHash();
        assertThat(rehashed).startsWith("$2b$05$");
        assertThat(stronger.hasher.verify(PASSWORD, rehashed)).isTrue();
    }

    @Test
    void storedHashAtTheHasherCostIsKept() {
        User alice = core.register("alice");
        String before = core.users.findById(alice.id()).orElseThrow().passwordHash();

        core.logIn("alice");

        assertThat(core.users.findById(alice.id()).orElseThrow().passwordHash()).isEqualTo(before);
    }
}
