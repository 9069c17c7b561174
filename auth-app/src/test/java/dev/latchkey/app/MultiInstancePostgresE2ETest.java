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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances (two servers in this JVM: separate caches and key rings) on one throwaway PostgreSQL
 * database: what one instance does, the other must honour. Skipped with a message when PostgreSQL is
 * unreachable, failed instead when LATCHKEY_REQUIRE_POSTGRES=true (see {@link PostgresTestDatabase}).
 */
class MultiInstancePostgresE2ETest {

    private static final Duration SESSION_CACHE_TTL = Duration.ofSeconds(1);
    private static final Duration PROPAGATION_DEADLINE = Duration.ofSeconds(3);
    private static final int THREADS = 8;

    private static TestServer a;
    private static TestServer b;

    /** Why the tests are skipped, if they are; each test then reports itself skipped with it. */
    private static String skipReason;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() {
        DatabaseSettings database;
        try {
            database = PostgresTestDatabase.create(); // dropped when the test JVM exits
        } catch (TestAbortedException unreachable) {
            skipReason = unreachable.getMessage();
            return;
        }
        Map<String, String> env = Map.of(
                "AUTH_DB_URL", database.url(),
                "AUTH_DB_USER", database.user(),
                "AUTH_DB_PASSWORD", database.password(),
                "AUTH_SESSION_CACHE_TTL", SESSION_CACHE_TTL.toString());
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

    @Test
    void tokenIssuedByOneInstanceIsAcceptedByTheOther() {
        NewUser user = registeredOn(a.api());
        Tokens tokens = a.api().loggedIn(user);

        assertThat(b.api().me(tokens.access()).status()).isEqualTo(200);
        assertThat(b.api().refresh(tokens.refresh()).status()).isEqualTo(200);
    }

    @Test
    void sessionEndedOnOneInstanceStopsItsAccessTokenOnTheOtherWithinTheCacheLifetime() {
        NewUser user = registeredOn(a.api());
        Tokens tokens = a.api().loggedIn(user);
        assertThat(b.api().me(tokens.access()).status()).as("B has seen the session active").isEqualTo(200);

        assertThat(a.api().logOut(tokens).status()).isEqualTo(200);
        Instant loggedOut = Instant.now();

        Reply last = b.api().me(tokens.access());
        Instant deadline = loggedOut.plus(PROPAGATION_DEADLINE);
        while (last.status() == 200 && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval
            last = b.api().me(tokens.access());
        }
        last.assertProblem(401, "token_not_valid");
    }

    @Test
    void refreshReusedOnAnotherInstanceIsRejected() {
        NewUser user = registeredOn(a.api());
        Tokens login = a.api().loggedIn(user);
        a.api().refreshed(login.refresh());

        b.api().refresh(login.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void refreshReusedOnAnotherInstanceEndsTheSessionEverywhere() {
        NewUser user = registeredOn(a.api());
        Tokens login = a.api().loggedIn(user);
        Tokens rotated = a.api().refreshed(login.refresh());

        b.api().refresh(login.refresh()).assertProblem(401, "token_not_valid");

        b.api().refresh(rotated.refresh()).assertProblem(401, "token_not_valid");
        b.api().me(rotated.access()).assertProblem(401, "token_not_valid");
        a.api().refresh(rotated.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void ofConcurrentRefreshesSplitAcrossInstancesExactlyOneSucceeds() throws Exception {
        String refresh = a.api().loggedIn(registeredOn(a.api())).refresh();

        List<Reply> replies = concurrently(api -> api.refresh(refresh));

        assertThat(replies).extracting(Reply::status).as("no server error").allMatch(status -> status < 500);
        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() != 200)
                .allSatisfy(reply -> reply.assertProblem(401, "token_not_valid"));
    }

    @Test
    void ofConcurrentRegistrationsOfOneUsernameSplitAcrossInstancesExactlyOneSucceeds() throws Exception {
        String username = NewUser.unique().username();

        List<Reply> replies = concurrently(api -> api.register(NewUser.unique().withUsername(username)));

        assertThat(replies).extracting(Reply::status).as("no server error").allMatch(status -> status < 500);
        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() != 201)
                .allSatisfy(reply -> reply.assertFieldError("username"));
    }

    private static NewUser registeredOn(Api api) {
        NewUser user = NewUser.unique();
        api.registered(user);
        return user;
    }

    /** Runs {@code request} on {@value #THREADS} threads at once, alternating between A and B. */
    /** {@code THREADS} requests at once, alternating between the two instances. */
    private static List<Reply> concurrently(Function<Api, Reply> request) {
        List<Supplier<Reply>> requests = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Api api = (i % 2 == 0 ? a : b).api();
            requests.add(() -> request.apply(api));
        }
        return Concurrently.run(requests);
    }
}
