package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one throwaway PostgreSQL database, each trusting its session cache for ten minutes:
 * a session ended on one in any way is refused by the other at once, because the end is announced
 * (LISTEN/NOTIFY), not because the cache expired. Skipped without PostgreSQL unless it is required.
 */
class RevocationEverywherePostgresE2ETest {

    /** Far longer than the test: only the announcement can make the other instance refuse in time. */
    private static final String SESSION_CACHE_TTL = "PT10M";
    /** A generous bound for a loaded machine; the announcement itself takes milliseconds. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    static final TwoInstancesOnPostgres instances = new TwoInstancesOnPostgres(SESSION_CACHE_TTL);

    private record Login(NewUser user, String userId, Tokens tokens) {
    }

    /** A user logged in on A whose session B has seen open, so that B holds it in its cache. */
    private static Login seenOpenOnB() {
        NewUser user = NewUser.unique();
        String id = instances.a().api().registered(user);
        Tokens tokens = instances.a().api().loggedIn(user);
        assertThat(instances.b().api().me(tokens.access()).status()).as("B has cached the session as open").isEqualTo(200);
        return new Login(user, id, tokens);
    }

    private static void assertRefusedByBPromptly(String access) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        Reply last = instances.b().api().me(access);
        while (last.status() == 200 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // poll interval
            last = instances.b().api().me(access);
        }
        last.assertProblem(401, "token_not_valid");
    }

    @Test
    void logoutOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();

        assertThat(instances.a().api().logOut(login.tokens()).status()).isEqualTo(200);

        assertRefusedByBPromptly(login.tokens().access());
    }

    @Test
    void logoutEverywhereOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();

        assertThat(instances.a().api().post("/api/users/logout-all/", Map.of(), login.tokens().access()).status()).isEqualTo(200);

        assertRefusedByBPromptly(login.tokens().access());
    }

    @Test
    void aSessionDeletedOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();
        Tokens other = instances.a().api().loggedIn(login.user());
        assertThat(instances.b().api().me(other.access()).status()).isEqualTo(200);
        String otherId = Jwt.claims(other.access()).get("sid").asText();

        assertThat(instances.a().api().delete("/api/users/sessions/" + otherId + "/", login.tokens().access()).status()).isEqualTo(204);

        assertRefusedByBPromptly(other.access());
        assertThat(instances.b().api().me(login.tokens().access()).status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeOnOneInstanceEndsTheOtherSessionsOnBoth() {
        Login login = seenOpenOnB();
        Tokens other = instances.a().api().loggedIn(login.user());
        assertThat(instances.b().api().me(other.access()).status()).isEqualTo(200);

        Reply changed = instances.a().api().post("/api/users/change-password/", Map.of(
                "old_password", login.user().password(),
                "new_password", "Brand-new-pass-9",
                "new_password_confirm", "Brand-new-pass-9"), login.tokens().access());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        assertRefusedByBPromptly(other.access());
    }

    @Test
    void refreshReuseOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();
        Tokens rotated = instances.a().api().refreshed(login.tokens().refresh());
        assertThat(instances.b().api().me(rotated.access()).status()).isEqualTo(200);

        instances.a().api().refresh(login.tokens().refresh()).assertProblem(401, "token_not_valid");

        assertRefusedByBPromptly(rotated.access());
    }

    @Test
    void deactivationOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();

        assertThat(instances.a().running().wiring().latchkey.deactivate().deactivate(login.userId())).isTrue();

        assertRefusedByBPromptly(login.tokens().access());
    }
}
