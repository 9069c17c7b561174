package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.Test;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DeactivateAccount}: no more logins, and every token of the account stops working. */
class DeactivateAccountTest {

    private final CoreFixture core = CoreFixture.create();

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
