package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.app.Concurrently;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that race each other: uniqueness, one-time refresh tokens, logout, and the login throttle hold. */
class RaceTest {

    private static final int RACERS = 8;

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api client = server.api();

    private static List<Integer> statuses(List<Reply> replies) {
        return replies.stream().map(Reply::status).toList();
    }

    private static void assertOneWinner(List<Reply> replies, int winner, String loserField) {
        assertThat(statuses(replies)).as("statuses").containsOnlyOnce(winner);
        replies.stream().filter(r -> r.status() != winner).forEach(r -> r.assertFieldError(loserField));
    }

    @Test
    void concurrentRegistrationsOfOneUsernameCreateOneAccount() {
        String username = "race_" + NewUser.token();
        List<Supplier<Reply>> requests = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            requests.add(() -> client.register(NewUser.unique().withUsername(username)));
        }

        assertOneWinner(Concurrently.run(requests), 201, "username");
    }

    @Test
    void concurrentRegistrationsOfCaseVariantsCreateOneAccount() {
        String tag = NewUser.token();
        List<Supplier<Reply>> requests = new ArrayList<>();
        for (String username : List.of("race_" + tag, "RACE_" + tag, "Race_" + tag, "rAcE_" + tag, "raCE_" + tag,
                "ｒａｃｅ_" + tag, "RACE_" + tag.toUpperCase(java.util.Locale.ROOT), "racE_" + tag)) {
            requests.add(() -> client.register(NewUser.unique().withUsername(username)));
        }

        assertOneWinner(Concurrently.run(requests), 201, "username");
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateOneAccount() {
        String email = "race." + NewUser.token() + "@example.com";
        List<Supplier<Reply>> requests = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            String variant = i % 2 == 0 ? email : email.toUpperCase(java.util.Locale.ROOT);
            requests.add(() -> client.register(NewUser.unique().withEmail(variant)));
        }

        assertOneWinner(Concurrently.run(requests), 201, "email");
    }

    @Test
    void concurrentRefreshesWithOneTokenLetExactlyOneThrough() {
        Tokens tokens = client.newSession();

        List<Reply> replies = Concurrently.times(RACERS, () -> client.refresh(tokens.refresh()));

        assertThat(statuses(replies)).as("statuses").containsOnlyOnce(200);
        replies.stream().filter(r -> r.status() != 200).forEach(r -> r.assertProblem(401, "token_not_valid"));
        Tokens winner = Tokens.of(replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow());
        client.refresh(winner.refresh()).assertProblem(401, "token_not_valid");
        client.me(winner.access()).assertProblem(401, "token_not_valid");
    }

    @RepeatedTest(5)
    void concurrentLogoutAndRefreshOfOneSessionEndIt() {
        Tokens tokens = client.newSession();

        List<Reply> replies = Concurrently.run(List.of(() -> client.logOut(tokens), () -> client.refresh(tokens.refresh())));

        Reply logout = replies.get(0);
        Reply refresh = replies.get(1);
        assertThat(logout.status()).as(logout.body()).isEqualTo(200);
        assertThat(refresh.status()).as(refresh.body()).isIn(200, 401);
        client.me(tokens.access()).assertProblem(401, "token_not_valid");
        client.refresh(tokens.refresh()).assertProblem(401, "token_not_valid");
        if (refresh.status() == 200) {
            Tokens rotated = Tokens.of(refresh);
            client.me(rotated.access()).assertProblem(401, "token_not_valid");
            client.refresh(rotated.refresh()).assertProblem(401, "token_not_valid");
        } else {
            refresh.assertProblem(401, "token_not_valid");
        }
    }

    @Test
    void concurrentLogoutAllAndRefreshLeaveTheSessionEnded() {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens first = client.loggedIn(account);

        List<Reply> replies = Concurrently.run(List.of(
                () -> client.post("/api/users/logout-all/", Map.of(), first.access()),
                () -> client.refresh(first.refresh())));

        assertThat(statuses(replies)).allSatisfy(status -> assertThat(status).isLessThan(500));
        client.me(first.access()).assertProblem(401, "token_not_valid");
        if (replies.get(1).status() == 200) {
            client.me(Tokens.of(replies.get(1)).access()).assertProblem(401, "token_not_valid");
        }
    }

    @Test
    void concurrentWrongPasswordsGetNoMoreGuessesThanTheLimit() {
        NewUser account = client.registeredUser(NewUser.unique());
        int tries = 16;

        List<Reply> replies = Concurrently.times(tries, () -> client.logIn(account.withPassword("Wrong-" + NewUser.token())));

        long guesses = replies.stream().filter(r -> r.status() == 401).count();
        replies.stream().filter(r -> r.status() != 401).forEach(r -> r.assertProblem(429, "too_many_requests"));
        assertThat(guesses).as("passwords checked out of %d concurrent tries (AUTH_LOGIN_MAX_FAILURES=5)", tries).isLessThanOrEqualTo(5);
    }
}
