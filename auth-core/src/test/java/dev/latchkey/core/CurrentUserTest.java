package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CurrentUser}: the account behind an authenticated request. */
class CurrentUserTest {

    private final CoreFixture core = CoreFixture.create();

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
