package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.latchkey.app.adversarial.Throttling.MAX_FAILURES;
import static dev.latchkey.app.adversarial.Throttling.assertThrottled;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle behind a trusted proxy (AUTH_TRUSTED_PROXIES=127.0.0.1): the client address is
 * the right-most untrusted {@code X-Forwarded-For} hop, so other clients are not locked out, and
 * what a client writes in front of that hop does not change who it is.
 */
class TrustedProxyThrottleTest {

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_TRUSTED_PROXIES", "127.0.0.1"));
    private static final Api client = server.api();
    private static Throttling logins;

    @BeforeAll
    static void prepare() {
        logins = new Throttling(client);
    }

    @Test
    void anotherClientAddressIsNotThrottledForThatAccount() {
        NewUser account = client.registeredUser(NewUser.unique());
        logins.fail(account, MAX_FAILURES, "203.0.113.10");
        assertThrottled(logins.logIn(account, "203.0.113.10"));

        assertThat(logins.logIn(account, "203.0.113.11").status()).isEqualTo(200);
    }

    @Test
    void addressesWrittenInFrontOfTheProxiedHopDoNotEscape() {
        NewUser account = client.registeredUser(NewUser.unique());
        logins.fail(account, MAX_FAILURES, "203.0.113.20");

        assertThrottled(logins.logIn(account, "198.51.100.1, 203.0.113.20"));
    }

    @Test
    void unparsableForwardedForCountsAsTheProxyItself() {
        NewUser account = client.registeredUser(NewUser.unique());
        String[] garbage = {"not-an-address", "999.1.1.1", "203.0.113.30; DROP", "localhost", "::g"};
        for (String forwardedFor : garbage) {
            logins.wrongPassword(account, forwardedFor).assertProblem(401, "invalid_credentials");
        }

        assertThrottled(logins.logIn(account, "<script>"));
    }

    @Test
    void sprayingOnePasswordOverManyAccountsFromOneAddressIsThrottled() {
        NewUser victim = client.registeredUser(NewUser.unique());
        String sprayer = "203.0.113.40";
        for (int i = 0; i < 20 * MAX_FAILURES; i++) {
            logins.logIn("nobody_" + NewUser.token(), "Summer2024!", sprayer).assertProblem(401, "invalid_credentials");
        }

        assertThrottled(logins.logIn(victim, sprayer));
        assertThat(logins.logIn(victim, "203.0.113.41").status()).as("another client").isEqualTo(200);
    }
}
