package dev.latchkey.core.port;

import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.latchkey.core.port.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules every {@link OneTimeTokenRepository} keeps; each adapter's test extends this once. */
public abstract class OneTimeTokenRepositoryContract {

    private static final OneTimeToken.Purpose RESET = OneTimeToken.Purpose.PASSWORD_RESET;
    private static final OneTimeToken.Purpose VERIFY = OneTimeToken.Purpose.EMAIL_VERIFICATION;

    protected OneTimeTokenRepository tokens;
    protected User owner;

    /** A repository over empty storage in which {@code owner} exists (tokens may refer to their user). */
    protected abstract OneTimeTokenRepository newRepository(User owner);

    @BeforeEach
    void setUp() {
        owner = Fixtures.user("tokenowner");
        tokens = newRepository(owner);
    }

    private OneTimeToken stored(OneTimeToken.Purpose purpose, Duration ttl) {
        OneTimeToken token = new OneTimeToken(OneTimeToken.hashOf(OneTimeToken.newToken()), purpose, owner.id(), T0, T0.plus(ttl));
        tokens.add(token);
        return token;
    }

    @Test
    void storedTokenIsFoundByHashAndPurposeUntilItExpires() {
        OneTimeToken token = stored(RESET, Duration.ofMinutes(30));

        assertThat(tokens.findUsable(token.hash(), RESET, T0.plusSeconds(60))).contains(token);
        assertThat(tokens.findUsable(token.hash(), RESET, T0.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void tokenOfOnePurposeIsUnknownToTheOther() {
        OneTimeToken token = stored(VERIFY, Duration.ofDays(2));

        assertThat(tokens.findUsable(token.hash(), RESET, T0)).isEmpty();
        assertThat(tokens.spend(token.hash(), RESET, T0)).isFalse();
        assertThat(tokens.findUsable(token.hash(), VERIFY, T0)).isPresent();
    }

    @Test
    void spentTokenCannotBeSpentOrFoundAgain() {
        OneTimeToken token = stored(RESET, Duration.ofMinutes(30));

        assertThat(tokens.spend(token.hash(), RESET, T0)).isTrue();
        assertThat(tokens.spend(token.hash(), RESET, T0)).isFalse();
        assertThat(tokens.findUsable(token.hash(), RESET, T0)).isEmpty();
    }

    @Test
    void expiredTokenCannotBeSpent() {
        OneTimeToken token = stored(RESET, Duration.ofMinutes(30));

        assertThat(tokens.spend(token.hash(), RESET, T0.plus(Duration.ofMinutes(31)))).isFalse();
    }

    @Test
    void removeAllOfUserRevokesOnlyThatPurpose() {
        OneTimeToken reset1 = stored(RESET, Duration.ofMinutes(30));
        OneTimeToken reset2 = stored(RESET, Duration.ofMinutes(30));
        OneTimeToken verify = stored(VERIFY, Duration.ofDays(2));

        assertThat(tokens.removeAllOfUser(owner.id(), RESET)).isEqualTo(2);

        assertThat(tokens.findUsable(reset1.hash(), RESET, T0)).isEmpty();
        assertThat(tokens.findUsable(reset2.hash(), RESET, T0)).isEmpty();
        assertThat(tokens.findUsable(verify.hash(), VERIFY, T0)).isPresent();
    }

    @Test
    void purgeDeletesOnlyExpiredTokens() {
        stored(RESET, Duration.ofMinutes(30));
        OneTimeToken lasting = stored(VERIFY, Duration.ofDays(2));

        assertThat(tokens.purgeExpired(T0.plus(Duration.ofHours(1)))).isEqualTo(1);

        assertThat(tokens.findUsable(lasting.hash(), VERIFY, T0.plus(Duration.ofHours(1)))).isPresent();
    }

    @Test
    void ofConcurrentSpendsOfOneTokenExactlyOneWins() throws Exception {
        OneTimeToken token = stored(RESET, Duration.ofMinutes(30));
        Instant now = T0.plusSeconds(1);

        List<Boolean> spent = Simultaneously.run(8, i -> () -> tokens.spend(token.hash(), RESET, now));

        assertThat(spent).filteredOn(won -> won).hasSize(1);
    }
}
