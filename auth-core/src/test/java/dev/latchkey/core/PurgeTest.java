package dev.latchkey.core;

import dev.latchkey.core.domain.TokenPair;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latchkey.core.CoreFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link Purge}: ended and expired sessions are deleted, active ones kept. */
class PurgeTest {

    private final CoreFixture core = CoreFixture.create();

    @Test
    void purgeDeletesEndedSessionsAndKeepsActiveOnes() {
        core.register("alice");
        TokenPair ended = core.logIn("alice");
        TokenPair active = core.logIn("alice");
        core.latchkey.logOut().logOut(core.caller(ended), ended.refresh(), CLIENT);
        core.clock.advance(Duration.ofSeconds(1));

        assertThat(core.latchkey.purge().sessions()).isEqualTo(1);

        assertThat(core.sessionStore.findById(core.sessionIdOf(ended))).isEmpty();
        assertThat(core.sessionStore.findById(core.sessionIdOf(active))).isPresent();
    }

    @Test
    void purgeDeletesSessionsLeftIdleUntilTheirRefreshTokenExpired() {
        core.register("alice");
        TokenPair idle = core.logIn("alice");
        String sessionId = core.sessionIdOf(idle);
        core.clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(core.latchkey.purge().sessions()).isEqualTo(1);

        assertThat(core.sessionStore.findById(sessionId)).isEmpty();
    }
}
