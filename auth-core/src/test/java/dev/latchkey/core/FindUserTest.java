package dev.latchkey.core;

import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FindUser}: an account by its username, in any case. */
class FindUserTest {

    private final CoreFixture core = CoreFixture.create();

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
