package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.jdbi.DatabaseSettings;
import dev.latchkey.jdbi.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

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

    private static TestServer a;
    private static TestServer b;
    private static String skipReason;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() {
        DatabaseSettings database;
        try {
            database = PostgresTestDatabase.create();
        } catch (TestAbortedException unreachable) {
            skipReason = unreachable.getMessage();
            return;
        }
        Map<String, String> env = Map.of(
                "AUTH_DB_URL", database.url(),
                "AUTH_DB_USER", database.user(),
                "AUTH_DB_PASSWORD", database.password(),
                "AUTH_SESSION_CACHE_TTL", SESSION_CACHE_TTL);
        a = TestServer.start(env);
        b = TestServer.start(env);
    }

    @BeforeEach
    void skipWithoutPostgres() {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    }

    @AfterAll
    static void stopEverything() {
        if (b != null) {
            b.stop();
        }
        if (a != null) {
            a.stop();
        }
    }

    private record Login(NewUser user, String userId, Tokens tokens) {
    }

    /** A user logged in on A whose session B has seen open, so that B holds it in its cache. */
    private static Login seenOpenOnB() {
        NewUser user = NewUser.unique();
        String id = a.api().registered(user);
        Tokens tokens = a.api().loggedIn(user);
        assertThat(b.api().me(tokens.access()).status()).as("B has cached the session as open").isEqualTo(200);
        return new Login(user, id, tokens);
    }

    private static void assertRefusedByBPromptly(String access) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        Reply last = b.api().me(access);
        while (last.status() == 200 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // poll interval
            last = b.api().me(access);
        }
        last.assertProblem(401, "token_not_valid");
    }

    @Test
    void logoutOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();

        assertThat(a.api().logOut(login.tokens()).status()).isEqualTo(200);

        assertRefusedByBPromptly(login.tokens().access());
    }

    @Test
    void logoutEverywhereOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();

        assertThat(a.api().post("/api/users/logout-all/", Map.of(), login.tokens().access()).status()).isEqualTo(200);

        assertRefusedByBPromptly(login.tokens().access());
    }

    @Test
    void aSessionDeletedOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();
        Tokens other = a.api().loggedIn(login.user());
        assertThat(b.api().me(other.access()).status()).isEqualTo(200);
        String otherId = Jwt.claims(other.access()).get("sid").asText();

        assertThat(a.api().delete("/api/users/sessions/" + otherId + "/", login.tokens().access()).status()).isEqualTo(204);

        assertRefusedByBPromptly(other.access());
        assertThat(b.api().me(login.tokens().access()).status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeOnOneInstanceEndsTheOtherSessionsOnBoth() {
        Login login = seenOpenOnB();
        Tokens other = a.api().loggedIn(login.user());
        assertThat(b.api().me(other.access()).status()).isEqualTo(200);

        Reply changed = a.api().post("/api/users/change-password/", Map.of(
                "old_password", login.user().password(),
                "new_password", "Brand-new-pass-9",
                "new_password_confirm", "Brand-new-pass-9"), login.tokens().access());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        assertRefusedByBPromptly(other.access());
    }

    @Test
    void refreshReuseOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();
        Tokens rotated = a.api().refreshed(login.tokens().refresh());
        assertThat(b.api().me(rotated.access()).status()).isEqualTo(200);

        a.api().refresh(login.tokens().refresh()).assertProblem(401, "token_not_valid");

        assertRefusedByBPromptly(rotated.access());
    }

    @Test
    void deactivationOnOneInstanceIsSeenByTheOther() {
        Login login = seenOpenOnB();

        assertThat(a.running().wiring().latchkey.deactivate().deactivate(login.userId())).isTrue();

        assertRefusedByBPromptly(login.tokens().access());
    }
}
