package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Locale;
import java.util.Map;

import static dev.latchkey.app.adversarial.Throttling.MAX_FAILURES;
import static dev.latchkey.app.adversarial.Throttling.assertThrottled;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle with no trusted proxy: the socket's address counts, so a spoofed
 * {@code X-Forwarded-For} and other names for the same account do not buy more guesses.
 */
class ThrottleTest {

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api client = server.api();
    private static Throttling logins;

    @BeforeAll
    static void prepare() {
        logins = new Throttling(client);
    }

    @Test
    void rightPasswordAfterFiveFailuresIsThrottled() {
        NewUser account = client.registeredUser(NewUser.unique());
        logins.fail(account, MAX_FAILURES, null);

        assertThrottled(client.logIn(account));
    }

    @Test
    void stolenAccessTokenCannotGuessThePasswordThroughChangePassword() {
        NewUser account = client.registeredUser(NewUser.unique());
        String access = client.loggedIn(account).access();
        Map<String, String> guess = Map.of("old_password", "Wrong-guess-1", "new_password", "Another-Secret-42",
                "new_password_confirm", "Another-Secret-42");
        for (int i = 0; i < MAX_FAILURES; i++) {
            client.post("/api/users/change-password/", guess, access).assertFieldError("old_password");
        }

        assertThrottled(client.post("/api/users/change-password/", Map.of("old_password", account.password(),
                "new_password", "Another-Secret-42", "new_password_confirm", "Another-Secret-42"), access));
        assertThat(client.logIn(account).status()).as("the password is unchanged").isEqualTo(200);
    }

    @Test
    void spoofedForwardedForDoesNotEscapeTheThrottle() {
        NewUser account = client.registeredUser(NewUser.unique());
        for (int i = 0; i < MAX_FAILURES; i++) {
            logins.wrongPassword(account, "203.0.113." + (i + 1)).assertProblem(401, "invalid_credentials");
        }

        assertThrottled(logins.logIn(account, "198.51.100.7"));
    }

    @Test
    void unknownAccountIsThrottledLikeAKnownOne() {
        NewUser nobody = NewUser.unique();
        logins.fail(nobody, MAX_FAILURES, null);

        assertThrottled(logins.wrongPassword(nobody, null));
    }

    @Test
    void switchingBetweenUsernameEmailAndCaseDoesNotResetTheCount() {
        NewUser account = client.registeredUser(NewUser.unique());
        String[] names = {account.username(), account.email(), account.username().toUpperCase(Locale.ROOT),
                account.email().toUpperCase(Locale.ROOT), " " + account.username() + " "};
        for (String name : names) {
            logins.logIn(name, "Wrong-" + NewUser.token(), null).assertProblem(401, "invalid_credentials");
        }

        assertThrottled(logins.logIn(account.email(), account.password(), null));
    }

    @Test
    void throttlingOneAccountLeavesAnotherAlone() {
        NewUser throttled = client.registeredUser(NewUser.unique());
        NewUser other = client.registeredUser(NewUser.unique());
        logins.fail(throttled, MAX_FAILURES, null);

        assertThat(client.logIn(other).status()).isEqualTo(200);
    }
}
