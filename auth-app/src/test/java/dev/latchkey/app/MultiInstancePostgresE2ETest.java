package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances (two servers in this JVM: separate caches and key rings) on one throwaway PostgreSQL
 * database: what one instance does, the other must honour. Skipped with a message when PostgreSQL is
 * unreachable, failed instead when LATCHKEY_REQUIRE_POSTGRES=true (see {@link TwoInstancesOnPostgres}).
 */
class MultiInstancePostgresE2ETest {

    private static final Duration SESSION_CACHE_TTL = Duration.ofSeconds(1);
    private static final Duration PROPAGATION_DEADLINE = Duration.ofSeconds(3);
    private static final int THREADS = 8;

    @RegisterExtension
    static final TwoInstancesOnPostgres instances = new TwoInstancesOnPostgres(SESSION_CACHE_TTL.toString());

    @Test
    void tokenIssuedByOneInstanceIsAcceptedByTheOther() {
        NewUser user = registeredOn(instances.a().api());
        Tokens tokens = instances.a().api().loggedIn(user);

        assertThat(instances.b().api().me(tokens.access()).status()).isEqualTo(200);
        assertThat(instances.b().api().refresh(tokens.refresh()).status()).isEqualTo(200);
    }

    @Test
    void sessionEndedOnOneInstanceStopsItsAccessTokenOnTheOtherWithinTheCacheLifetime() {
        NewUser user = registeredOn(instances.a().api());
        Tokens tokens = instances.a().api().loggedIn(user);
        assertThat(instances.b().api().me(tokens.access()).status()).as("B has seen the session active").isEqualTo(200);

        assertThat(instances.a().api().logOut(tokens).status()).isEqualTo(200);
        Instant loggedOut = Instant.now();

        Reply last = instances.b().api().me(tokens.access());
        Instant deadline = loggedOut.plus(PROPAGATION_DEADLINE);
        while (last.status() == 200 && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval
            last = instances.b().api().me(tokens.access());
        }
        last.assertProblem(401, "token_not_valid");
    }

    @Test
    void refreshReusedOnAnotherInstanceIsRejected() {
        NewUser user = registeredOn(instances.a().api());
        Tokens login = instances.a().api().loggedIn(user);
        instances.a().api().refreshed(login.refresh());

        instances.b().api().refresh(login.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void refreshReusedOnAnotherInstanceEndsTheSessionEverywhere() {
        NewUser user = registeredOn(instances.a().api());
        Tokens login = instances.a().api().loggedIn(user);
        Tokens rotated = instances.a().api().refreshed(login.refresh());

        instances.b().api().refresh(login.refresh()).assertProblem(401, "token_not_valid");

        instances.b().api().refresh(rotated.refresh()).assertProblem(401, "token_not_valid");
        instances.b().api().me(rotated.access()).assertProblem(401, "token_not_valid");
        instances.a().api().refresh(rotated.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void ofConcurrentRefreshesSplitAcrossInstancesExactlyOneSucceeds() throws Exception {
        String refresh = instances.a().api().loggedIn(registeredOn(instances.a().api())).refresh();

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
            Api api = (i % 2 == 0 ? instances.a() : instances.b()).api();
            requests.add(() -> request.apply(api));
        }
        return Concurrently.run(requests);
    }
}
