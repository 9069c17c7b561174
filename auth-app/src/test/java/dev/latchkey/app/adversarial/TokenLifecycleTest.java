package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stolen tokens after their session ended: logout, refresh reuse, a password change from another
 * session, a deleted session, logout-all; and attempts to end someone else's session.
 */
class TokenLifecycleTest {

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api client = server.api();

    private static String sid(String token) {
        return Forger.claims(token).path("sid").asText();
    }

    private static void assertDead(Tokens tokens) {
        client.me(tokens.access()).assertProblem(401, "token_not_valid");
        client.verify(tokens.access()).assertProblem(401, "token_not_valid");
        client.refresh(tokens.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void tokensOfALoggedOutSessionAreRefused() {
        Tokens tokens = client.newSession();

        assertThat(client.logOut(tokens).status()).isEqualTo(200);

        assertDead(tokens);
    }

    @Test
    void logOutEndsOnlyItsOwnSession() {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens phone = client.loggedIn(account);
        Tokens laptop = client.loggedIn(account);

        client.logOut(phone);

        assertThat(client.me(laptop.access()).status()).isEqualTo(200);
    }

    @Test
    void refreshWithASpentTokenEndsTheSessionAndTheNewPairDies() {
        Tokens first = client.newSession();
        Tokens second = Tokens.of(client.refresh(first.refresh()));

        client.refresh(first.refresh()).assertProblem(401, "token_not_valid");

        assertDead(second);
        client.me(first.access()).assertProblem(401, "token_not_valid");
    }

    @Test
    void spentRefreshTokenDoesNotVerify() {
        Tokens first = client.newSession();
        client.refresh(first.refresh());

        client.verify(first.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void tokensIssuedBeforeAPasswordChangeFromAnotherSessionDie() {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens stolen = client.loggedIn(account);
        Tokens owner = client.loggedIn(account);
        String fresh = "New-" + NewUser.token() + "-Harbour";

        assertThat(client.post("/api/users/change-password/", Map.of("old_password", account.password(),
                "new_password", fresh, "new_password_confirm", fresh), owner.access()).status()).isEqualTo(200);

        assertDead(stolen);
        assertThat(client.me(owner.access()).status()).as("the session that changed it").isEqualTo(200);
        client.logIn(account).assertProblem(401, "invalid_credentials");
        assertThat(client.logIn(account.withPassword(fresh)).status()).isEqualTo(200);
    }

    @Test
    void tokensOfADeletedSessionAreRefused() {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens stolen = client.loggedIn(account);
        Tokens owner = client.loggedIn(account);

        assertThat(client.delete("/api/users/sessions/" + sid(stolen.access()) + "/", owner.access()).status()).isEqualTo(204);

        assertDead(stolen);
        assertThat(client.me(owner.access()).status()).isEqualTo(200);
    }

    @Test
    void logOutAllEndsEverySessionOfTheUser() {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens phone = client.loggedIn(account);
        Tokens laptop = client.loggedIn(account);

        assertThat(client.post("/api/users/logout-all/", Map.of(), phone.access()).json().path("sessions_ended").asInt()).isEqualTo(2);

        assertDead(phone);
        assertDead(laptop);
    }

    @Test
    void logOutWithAnotherUsersRefreshTokenIsRefusedAndEndsNothing() {
        Tokens attacker = client.newSession();
        Tokens victim = client.newSession();

        client.post("/api/users/logout/", Map.of("refresh", victim.refresh()), attacker.access()).assertFieldError("refresh");

        assertThat(client.me(victim.access()).status()).isEqualTo(200);
        assertThat(client.refresh(victim.refresh()).status()).isEqualTo(200);
    }

    @Test
    void deletingAnotherUsersSessionIsNotFoundAndEndsNothing() {
        Tokens attacker = client.newSession();
        Tokens victim = client.newSession();

        client.delete("/api/users/sessions/" + sid(victim.access()) + "/", attacker.access()).assertProblem(404, "not_found");

        assertThat(client.me(victim.access()).status()).isEqualTo(200);
    }

    @Test
    void deletingAnEndedSessionAgainIsNotFound() {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens ended = client.loggedIn(account);
        Tokens owner = client.loggedIn(account);
        client.logOut(ended);

        client.delete("/api/users/sessions/" + sid(ended.access()) + "/", owner.access()).assertProblem(404, "not_found");
    }
}
