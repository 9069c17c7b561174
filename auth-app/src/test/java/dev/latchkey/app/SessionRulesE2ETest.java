package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.app.ContractTestPlanE2ETest.assertIsoUtc;
import static dev.latchkey.app.ContractTestPlanE2ETest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract's "Tokens and sessions": rotation, reuse, concurrency, and ending sessions. */
class SessionRulesE2ETest {

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api api = server.api();

    // --- rotation and reuse ---

    @Test
    void refreshSpendsThePresentedToken() {
        Tokens tokens = loggedIn(registered());
        api.refreshed(tokens.refresh());

        api.refresh(tokens.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void reuseOfASpentRefreshTokenEndsTheNewestRefreshToken() {
        Tokens login = loggedIn(registered());
        Tokens rotated = api.refreshed(login.refresh());

        api.refresh(login.refresh()).assertProblem(401, "token_not_valid");

        api.refresh(rotated.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void reuseOfASpentRefreshTokenEndsEveryAccessTokenOfTheSession() {
        Tokens login = loggedIn(registered());
        Tokens rotated = api.refreshed(login.refresh());
        assertThat(api.me(rotated.access()).status()).isEqualTo(200);

        api.refresh(login.refresh()).assertProblem(401, "token_not_valid");

        api.me(login.access()).assertProblem(401, "token_not_valid");
        api.me(rotated.access()).assertProblem(401, "token_not_valid");
    }

    @Test
    void reuseLeavesTheUsersOtherSessionsAlone() {
        NewUser user = registered();
        Tokens stolen = loggedIn(user);
        Tokens other = loggedIn(user);
        api.refreshed(stolen.refresh());

        api.refresh(stolen.refresh()).assertProblem(401, "token_not_valid");

        assertThat(api.me(other.access()).status()).isEqualTo(200);
        assertThat(api.refresh(other.refresh()).status()).isEqualTo(200);
    }

    @Test
    void ofConcurrentRefreshesWithOneTokenExactlyOneSucceeds() throws Exception {
        int threads = 8;
        String refresh = loggedIn(registered()).refresh();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Reply> replies = new ArrayList<>();
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return api.refresh(refresh);
                }));
            }
            for (Future<Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(replies).extracting(Reply::status).as("no server error").allMatch(status -> status < 500);
        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() != 200)
                .hasSize(threads - 1)
                .allSatisfy(reply -> reply.assertProblem(401, "token_not_valid"));
    }

    // --- logout-all ---

    @Test
    void logoutAllCountsTheSessionsItEnded() {
        NewUser user = registered();
        loggedIn(user);
        loggedIn(user);
        Tokens caller = loggedIn(user);

        Reply reply = api.post("/api/users/logout-all/", Map.of(), caller.access());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("detail").isTextual()).isTrue();
        assertThat(reply.json().path("sessions_ended").asInt()).isEqualTo(3);
    }

    @Test
    void logoutAllEndsEveryTokenOfTheUser() {
        NewUser user = registered();
        List<Tokens> sessions = List.of(loggedIn(user), loggedIn(user), loggedIn(user));

        assertThat(api.post("/api/users/logout-all/", Map.of(), sessions.get(0).access()).status()).isEqualTo(200);

        for (Tokens tokens : sessions) {
            api.me(tokens.access()).assertProblem(401, "token_not_valid");
            api.refresh(tokens.refresh()).assertProblem(401, "token_not_valid");
        }
    }

    @Test
    void logoutAllLeavesOtherUsersAlone() {
        Tokens bystander = loggedIn(registered());

        assertThat(api.post("/api/users/logout-all/", Map.of(), loggedIn(registered()).access()).status()).isEqualTo(200);

        assertThat(api.me(bystander.access()).status()).isEqualTo(200);
    }

    // --- listing sessions ---

    @Test
    void sessionsAreListedNewestFirst() {
        NewUser user = registered();
        Tokens older = loggedIn(user);
        Tokens newer = loggedIn(user);

        JsonNode list = api.sessions(newer.access()).json();

        assertThat(ids(list)).containsExactly(sid(newer), sid(older));
    }

    @Test
    void onlyTheCallersSessionIsMarkedCurrent() {
        NewUser user = registered();
        Tokens caller = loggedIn(user);
        Tokens other = loggedIn(user);

        JsonNode list = api.sessions(caller.access()).json();

        for (JsonNode session : list) {
            assertThat(session.path("current").asBoolean())
                    .as("current of %s", session)
                    .isEqualTo(session.path("id").asText().equals(sid(caller)));
        }
        assertThat(ids(list)).contains(sid(other));
    }

    @Test
    void sessionShowsWhenAndFromWhere() {
        NewUser user = registered();
        String userAgent = "LatchkeyE2E/1.0 (" + UUID.randomUUID() + ")";
        Tokens tokens = Tokens.of(api.logIn(user, userAgent));

        Reply reply = api.sessions(tokens.access());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().isArray()).isTrue();
        assertThat(reply.json()).hasSize(1);
        JsonNode session = reply.json().get(0);
        assertThat(fieldNames(session)).containsExactlyInAnyOrder(
                "id", "created_at", "last_used_at", "expires_at", "user_agent", "ip", "current");
        assertThat(session.get("id").asText()).isEqualTo(sid(tokens));
        assertIsoUtc(session.get("created_at"));
        assertIsoUtc(session.get("last_used_at"));
        assertIsoUtc(session.get("expires_at"));
        assertThat(session.get("user_agent").asText()).isEqualTo(userAgent);
        assertThat(session.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(session.get("current").asBoolean()).isTrue();
    }

    @Test
    void endedSessionsAreNotListed() {
        NewUser user = registered();
        Tokens ended = loggedIn(user);
        Tokens caller = loggedIn(user);
        assertThat(api.logOut(ended).status()).isEqualTo(200);

        assertThat(ids(api.sessions(caller.access()).json())).containsExactly(sid(caller));
    }

    // --- deleting a session ---

    @Test
    void deletingOwnSessionAnswers204() {
        NewUser user = registered();
        Tokens target = loggedIn(user);
        Tokens caller = loggedIn(user);

        Reply reply = api.delete("/api/users/sessions/" + sid(target) + "/", caller.access());

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void deletedSessionsTokensStopWorking() {
        NewUser user = registered();
        Tokens target = loggedIn(user);
        Tokens caller = loggedIn(user);

        assertThat(api.delete("/api/users/sessions/" + sid(target) + "/", caller.access()).status()).isEqualTo(204);

        api.me(target.access()).assertProblem(401, "token_not_valid");
        api.refresh(target.refresh()).assertProblem(401, "token_not_valid");
        assertThat(api.me(caller.access()).status()).isEqualTo(200);
    }

    @Test
    void deletingAnotherUsersSessionIsNotFound() {
        Tokens victim = loggedIn(registered());
        Tokens caller = loggedIn(registered());

        api.delete("/api/users/sessions/" + sid(victim) + "/", caller.access()).assertProblem(404, "not_found");
    }

    @Test
    void anotherUsersSessionSurvivesTheAttemptToDeleteIt() {
        Tokens victim = loggedIn(registered());
        Tokens caller = loggedIn(registered());

        api.delete("/api/users/sessions/" + sid(victim) + "/", caller.access());

        assertThat(api.me(victim.access()).status()).isEqualTo(200);
    }

    @Test
    void deletingAnUnknownSessionIsNotFound() {
        Tokens caller = loggedIn(registered());

        api.delete("/api/users/sessions/" + UUID.randomUUID() + "/", caller.access()).assertProblem(404, "not_found");
    }

    @Test
    void deletingASessionIdThatIsNoUuidIsNotFound() {
        Tokens caller = loggedIn(registered());

        api.delete("/api/users/sessions/no-such-session/", caller.access()).assertProblem(404, "not_found");
    }

    // --- logout with someone else's token ---

    @Test
    void logoutWithAnotherUsersRefreshTokenIsRejected() {
        Tokens victim = loggedIn(registered());
        Tokens caller = loggedIn(registered());

        api.post("/api/users/logout/", Map.of("refresh", victim.refresh()), caller.access()).assertFieldError("refresh");
    }

    @Test
    void anotherUsersSessionSurvivesALogoutWithItsRefreshToken() {
        Tokens victim = loggedIn(registered());
        Tokens caller = loggedIn(registered());

        api.post("/api/users/logout/", Map.of("refresh", victim.refresh()), caller.access());

        assertThat(api.me(victim.access()).status()).isEqualTo(200);
        assertThat(api.me(caller.access()).status()).isEqualTo(200);
    }

    // --- change-password ---

    @Test
    void changePasswordWithWrongOldPasswordIsRejected() {
        NewUser user = registered();
        Tokens tokens = loggedIn(user);

        changePassword(tokens, user.password() + "-wrong", "Fresh!" + UUID.randomUUID()).assertFieldError("old_password");
    }

    @Test
    void changePasswordWithMismatchedConfirmationIsRejected() {
        NewUser user = registered();
        Map<String, Object> body = Map.of("old_password", user.password(),
                "new_password", "Fresh!Harbour-1931", "new_password_confirm", "Fresh!Harbour-1932");

        api.post("/api/users/change-password/", body, loggedIn(user).access()).assertFieldError("new_password_confirm");
    }

    @Test
    void changePasswordAppliesThePasswordRules() {
        NewUser user = registered();

        changePassword(loggedIn(user), user.password(), "password123").assertFieldError("new_password");
    }

    @Test
    void changePasswordAnswers200() {
        NewUser user = registered();

        Reply reply = changePassword(loggedIn(user), user.password(), "Fresh!" + UUID.randomUUID());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void newPasswordLogsInAfterTheChange() {
        NewUser user = registered();
        String newPassword = "Fresh!" + UUID.randomUUID();
        assertThat(changePassword(loggedIn(user), user.password(), newPassword).status()).isEqualTo(200);

        assertThat(api.logIn(user.withPassword(newPassword)).status()).isEqualTo(200);
    }

    @Test
    void oldPasswordNoLongerLogsInAfterTheChange() {
        NewUser user = registered();
        assertThat(changePassword(loggedIn(user), user.password(), "Fresh!" + UUID.randomUUID()).status()).isEqualTo(200);

        api.logIn(user).assertProblem(401, "invalid_credentials");
    }

    @Test
    void changePasswordEndsEveryOtherSession() {
        NewUser user = registered();
        Tokens other = loggedIn(user);
        Tokens another = loggedIn(user);
        Tokens caller = loggedIn(user);

        assertThat(changePassword(caller, user.password(), "Fresh!" + UUID.randomUUID()).status()).isEqualTo(200);

        for (Tokens ended : List.of(other, another)) {
            api.me(ended.access()).assertProblem(401, "token_not_valid");
            api.refresh(ended.refresh()).assertProblem(401, "token_not_valid");
        }
    }

    @Test
    void changePasswordKeepsTheCurrentSession() {
        NewUser user = registered();
        loggedIn(user);
        Tokens caller = loggedIn(user);

        assertThat(changePassword(caller, user.password(), "Fresh!" + UUID.randomUUID()).status()).isEqualTo(200);

        assertThat(api.me(caller.access()).status()).isEqualTo(200);
        assertThat(api.refresh(caller.refresh()).status()).isEqualTo(200);
    }

    // --- last_login and lifetimes ---

    @Test
    void loginSetsLastLogin() {
        NewUser user = registered();
        Tokens tokens = loggedIn(user);

        JsonNode me = api.me(tokens.access()).json();

        assertIsoUtc(me.get("last_login"));
    }

    @Test
    void expiresInFollowsTheConfiguredAccessLifetime() {
        try (TestServer fiveMinutes = TestServer.start(Map.of("AUTH_ACCESS_TTL", "PT5M"))) {
            Api shortLived = fiveMinutes.api();
            NewUser user = NewUser.unique();
            shortLived.registered(user);

            Reply reply = shortLived.logIn(user);

            assertThat(reply.json().get("expires_in").asInt()).isEqualTo(300);
            JsonNode claims = Jwt.claims(reply.json().get("access").asText());
            assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        }
    }

    // --- helpers ---

    private static NewUser registered() {
        NewUser user = NewUser.unique();
        api.registered(user);
        return user;
    }

    private static Tokens loggedIn(NewUser user) {
        return api.loggedIn(user);
    }

    private static Reply changePassword(Tokens tokens, String oldPassword, String newPassword) {
        return api.post("/api/users/change-password/", Map.of(
                "old_password", oldPassword,
                "new_password", newPassword,
                "new_password_confirm", newPassword), tokens.access());
    }

    private static String sid(Tokens tokens) {
        return Jwt.claims(tokens.access()).get("sid").asText();
    }

    private static List<String> ids(JsonNode sessions) {
        List<String> ids = new ArrayList<>();
        sessions.forEach(session -> ids.add(session.get("id").asText()));
        return ids;
    }
}
