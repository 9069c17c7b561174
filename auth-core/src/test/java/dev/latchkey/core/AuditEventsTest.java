package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuditEvent.Type;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.AuditLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static dev.latchkey.core.CoreFixture.PASSWORD;
import static dev.latchkey.core.CoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/** What the use cases write to the {@link AuditLog}: one event per act, one per ended session, no secrets. */
class AuditEventsTest {

    private static final String WRONG = "not-the-password-1";
    private static final String NEW_PASSWORD = "brand-new-lantern-42";

    private final CoreFixture core = CoreFixture.create();

    private List<AuditEvent> events() {
        return core.audit.events();
    }

    private List<AuditEvent> eventsAfter(Runnable act) {
        int before = events().size();
        act.run();
        return events().subList(before, events().size());
    }

    @Test
    void registrationRecordsUserCreatedWithTheClient() {
        core.clock.advance(Duration.ofSeconds(3));

        User alice = core.register("alice");

        assertThat(events()).containsExactly(
                new AuditEvent(T0.plusSeconds(3), Type.USER_CREATED, alice.id(), null, CLIENT.ip(), CLIENT.userAgent(), null),
                new AuditEvent(T0.plusSeconds(3), Type.EMAIL_VERIFICATION_SENT, alice.id(), null, CLIENT.ip(), CLIENT.userAgent(), null));
    }

    @Test
    void successfulLoginRecordsLoginOkWithTheNewSession() {
        User alice = core.register("alice");

        int before = events().size();

        TokenPair pair = core.logIn("alice");

        assertThat(events().subList(before, events().size())).singleElement().isEqualTo(new AuditEvent(T0, Type.LOGIN_OK,
                alice.id(), core.sessionIdOf(pair), CLIENT.ip(), CLIENT.userAgent(), null));
    }

    @Test
    void wrongPasswordRecordsLoginFailedForTheAccount() {
        User alice = core.register("alice");

        List<AuditEvent> events = eventsAfter(() -> assertThatThrownBy(() -> core.logIn("alice", WRONG))
                .isInstanceOf(AuthFailure.InvalidCredentials.class));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::sessionId, AuditEvent::detail)
                .containsExactly(tuple(Type.LOGIN_FAILED, alice.id(), null, "wrong password"));
    }

    @Test
    void unknownLoginRecordsLoginFailedWithoutAUserOrTheNameTried() {
        List<AuditEvent> events = eventsAfter(() -> assertThatThrownBy(() -> core.logIn("nobody-here", WRONG))
                .isInstanceOf(AuthFailure.InvalidCredentials.class));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.LOGIN_FAILED);
            assertThat(e.userId()).isNull();
            assertThat(e.detail()).isEqualTo("unknown user").doesNotContain("nobody-here");
        });
    }

    @Test
    void loginToADeactivatedAccountRecordsLoginFailedAsInactive() {
        User carol = core.register("carol");
        core.latchkey.deactivate().deactivate(carol.id());

        List<AuditEvent> events = eventsAfter(() -> assertThatThrownBy(() -> core.logIn("carol"))
                .isInstanceOf(AuthFailure.InvalidCredentials.class));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::detail)
                .containsExactly(tuple(Type.LOGIN_FAILED, carol.id(), "inactive account"));
    }

    @Test
    void throttledLoginRecordsLoginThrottledWithTheWait() {
        User alice = core.register("alice");
        for (int i = 0; i < CoreFixture.MAX_FAILURES; i++) {
            assertThatThrownBy(() -> core.logIn("alice", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);
        }

        List<AuditEvent> events = eventsAfter(() -> assertThatThrownBy(() -> core.logIn("alice"))
                .isInstanceOf(AuthFailure.Throttled.class));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::detail)
                .containsExactly(tuple(Type.LOGIN_THROTTLED, alice.id(), "retry after 1 s"));
    }

    @Test
    void logOutRecordsTheEndedSessionAndTheLogout() {
        User alice = core.register("alice");
        TokenPair pair = core.logIn("alice");
        String session = core.sessionIdOf(pair);

        List<AuditEvent> events = eventsAfter(() -> core.latchkey.logOut().logOut(core.caller(pair), pair.refresh(), CLIENT));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::sessionId, AuditEvent::detail)
                .containsExactly(
                        tuple(Type.SESSION_ENDED, alice.id(), session, "LOGOUT"),
                        tuple(Type.LOGOUT, alice.id(), session, null));
    }

    @Test
    void logOutEverywhereRecordsEachEndedSessionThenTheCount() {
        core.register("alice");
        TokenPair phone = core.logIn("alice");
        TokenPair laptop = core.logIn("alice");

        List<AuditEvent> events = eventsAfter(() -> core.latchkey.logOut().logOutEverywhere(core.caller(laptop), CLIENT));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::sessionId, AuditEvent::detail)
                .containsExactlyInAnyOrder(
                        tuple(Type.SESSION_ENDED, core.sessionIdOf(phone), "LOGOUT_ALL"),
                        tuple(Type.SESSION_ENDED, core.sessionIdOf(laptop), "LOGOUT_ALL"),
                        tuple(Type.LOGOUT_ALL, core.sessionIdOf(laptop), "2 session(s) ended"));
        assertThat(events.get(events.size() - 1).type()).isEqualTo(Type.LOGOUT_ALL);
    }

    @Test
    void endingOneSessionRecordsItAsEndedByTheUser() {
        core.register("alice");
        TokenPair phone = core.logIn("alice");
        TokenPair laptop = core.logIn("alice");

        List<AuditEvent> events = eventsAfter(
                () -> core.latchkey.sessions().endSession(core.caller(laptop), core.sessionIdOf(phone), CLIENT));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::sessionId, AuditEvent::detail)
                .containsExactly(tuple(Type.SESSION_ENDED, core.sessionIdOf(phone), "ENDED_BY_USER"));
    }

    @Test
    void reusedRefreshTokenRecordsTheReuseAndTheEndedSession() {
        User alice = core.register("alice");
        TokenPair first = core.logIn("alice");
        core.latchkey.refresh().refresh(first.refresh(), CLIENT);
        String session = core.sessionIdOf(first);

        List<AuditEvent> events = eventsAfter(() -> assertThatThrownBy(() -> core.latchkey.refresh().refresh(first.refresh(), CLIENT))
                .isInstanceOf(AuthFailure.TokenRejected.class));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::sessionId, AuditEvent::detail)
                .containsExactly(
                        tuple(Type.REFRESH_REUSE, alice.id(), session, null),
                        tuple(Type.SESSION_ENDED, alice.id(), session, "REFRESH_REUSE"));
    }

    @Test
    void reuseOnAnAlreadyEndedSessionIsNotRecordedAsAnotherEnd() {
        core.register("alice");
        TokenPair first = core.logIn("alice");
        core.latchkey.refresh().refresh(first.refresh(), CLIENT);
        assertThatThrownBy(() -> core.latchkey.refresh().refresh(first.refresh(), CLIENT)).isInstanceOf(AuthFailure.TokenRejected.class);

        List<AuditEvent> events = eventsAfter(() -> assertThatThrownBy(() -> core.latchkey.refresh().refresh(first.refresh(), CLIENT))
                .isInstanceOf(AuthFailure.TokenRejected.class));

        assertThat(events).isEmpty();
    }

    @Test
    void passwordChangeRecordsTheOtherSessionsEndedAndTheChange() {
        User alice = core.register("alice");
        TokenPair other = core.logIn("alice");
        TokenPair current = core.logIn("alice");

        List<AuditEvent> events = eventsAfter(() -> core.latchkey.changePassword().changePassword(core.caller(current),
                new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::sessionId, AuditEvent::detail)
                .containsExactly(
                        tuple(Type.SESSION_ENDED, alice.id(), core.sessionIdOf(other), "PASSWORD_CHANGED"),
                        tuple(Type.PASSWORD_CHANGED, alice.id(), core.sessionIdOf(current), "1 other session(s) ended"));
    }

    @Test
    void deactivationRecordsEachEndedSessionAndTheDeactivation() {
        User alice = core.register("alice");
        TokenPair pair = core.logIn("alice");

        List<AuditEvent> events = eventsAfter(() -> core.latchkey.deactivate().deactivate(alice.id()));

        assertThat(events).extracting(AuditEvent::type, AuditEvent::userId, AuditEvent::sessionId, AuditEvent::detail)
                .containsExactly(
                        tuple(Type.SESSION_ENDED, alice.id(), core.sessionIdOf(pair), "USER_DEACTIVATED"),
                        tuple(Type.USER_DEACTIVATED, alice.id(), null, "1 session(s) ended"));
    }

    @Test
    void deactivatingNobodyRecordsNothing() {
        assertThat(eventsAfter(() -> core.latchkey.deactivate().deactivate("00000000-0000-0000-0000-000000000000"))).isEmpty();
    }

    @Test
    void refusedInputRecordsNothing() {
        core.register("alice");

        List<AuditEvent> events = eventsAfter(() -> assertThatThrownBy(() -> core.logIn("alice", ""))
                .isInstanceOf(AuthFailure.ValidationFailed.class));

        assertThat(events).isEmpty();
    }

    @Test
    void noEventHoldsAPasswordATokenOrAHash() {
        User alice = core.register("alice");
        assertThatThrownBy(() -> core.logIn("alice", WRONG)).isInstanceOf(AuthFailure.InvalidCredentials.class);
        TokenPair first = core.logIn("alice");
        TokenPair second = core.latchkey.refresh().refresh(first.refresh(), CLIENT);
        assertThatThrownBy(() -> core.latchkey.refresh().refresh(first.refresh(), CLIENT)).isInstanceOf(AuthFailure.TokenRejected.class);
        TokenPair third = core.logIn("alice");
        core.latchkey.changePassword().changePassword(core.caller(third), new PasswordChange(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), CLIENT);
        core.latchkey.logOut().logOut(core.caller(third), third.refresh(), CLIENT);
        core.latchkey.deactivate().deactivate(alice.id());
        String hash = core.users.findById(alice.id()).orElseThrow().passwordHash();

        List<String> secrets = List.of(PASSWORD, WRONG, NEW_PASSWORD, first.access(), first.refresh(),
                second.access(), second.refresh(), third.access(), third.refresh(), hash);
        assertThat(events()).hasSizeGreaterThan(8);
        for (AuditEvent event : events()) {
            Stream.of(event.userId(), event.sessionId(), event.ip(), event.userAgent(), event.detail())
                    .filter(field -> field != null)
                    .forEach(field -> assertThat(secrets).noneSatisfy(secret -> assertThat(field).contains(secret)));
            assertThat(event.toString()).doesNotContain("$2");
        }
    }

    @Test
    void anAuditLogThatCannotStoreFailsTheUseCase() {
        AuditLog broken = mock(AuditLog.class);
        doThrow(new IllegalStateException("audit storage down")).when(broken).record(any());
        CoreFixture failing = CoreFixture.builder().audit(broken).build();

        assertThatThrownBy(() -> failing.register("alice")).hasMessage("audit storage down");
    }
}
