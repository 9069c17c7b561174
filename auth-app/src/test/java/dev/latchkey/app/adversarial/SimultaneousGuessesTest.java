package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Concurrently;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guesses sent at one instant, with {@code AUTH_LOGIN_MAX_FAILURES=3}: never more are checked than
 * failures are left before the limit, on a fresh account too, and the others are answered 429 once
 * the checked ones have failed. Each test guesses from its own client address (behind a trusted
 * proxy), so that the failures of one never throttle the address of another.
 */
class SimultaneousGuessesTest {

    private static final int MAX_FAILURES = 3;
    private static final int GUESSES = 24;

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_LOGIN_MAX_FAILURES", Integer.toString(MAX_FAILURES),
                "AUTH_TRUSTED_PROXIES", "127.0.0.1"));
    private static final Api client = server.api();
    private static Throttling logins;

    @BeforeAll
    static void prepare() {
        logins = new Throttling(client);
    }

    /** A client address of its own for each test. */
    private static String newAddress() {
        return "198.51.100." + ADDRESSES.incrementAndGet();
    }

    /** Asserts at most {@code allowed} answers 401 and every other one a throttled 429. */
    private static void assertAtMostChecked(List<Reply> replies, int allowed) {
        long checked = replies.stream().filter(r -> r.status() == 401).count();
        replies.stream().filter(r -> r.status() != 401).forEach(Throttling::assertThrottled);
        assertThat(checked).as("passwords checked out of %d simultaneous tries (limit %d)", replies.size(), MAX_FAILURES)
                .isLessThanOrEqualTo(allowed);
    }

    @Test
    void simultaneousWrongPasswordsOnAFreshAccountAreCheckedNoMoreThanTheLimit() {
        NewUser account = client.registeredUser(NewUser.unique());
        String address = newAddress();

        List<Reply> replies = Concurrently.times(GUESSES, () -> logins.wrongPassword(account, address));

        assertAtMostChecked(replies, MAX_FAILURES);
        assertThat(replies).extracting(Reply::status).contains(429);
    }

    @Test
    void simultaneousGuessesAtAnUnknownAccountAreCheckedNoMoreThanTheLimit() {
        NewUser nobody = NewUser.unique();
        String address = newAddress();

        assertAtMostChecked(Concurrently.times(GUESSES, () -> logins.wrongPassword(nobody, address)), MAX_FAILURES);
    }

    @Test
    void afterOneFailureSimultaneousGuessesGetOnlyTheFailuresLeft() {
        NewUser account = client.registeredUser(NewUser.unique());
        String address = newAddress();
        logins.fail(account, 1, address);

        assertAtMostChecked(Concurrently.times(GUESSES, () -> logins.wrongPassword(account, address)), MAX_FAILURES - 1);
    }

    @Test
    void aSuccessfulLoginDoesNotOpenTheWayForABurst() {
        NewUser account = client.registeredUser(NewUser.unique());
        String address = newAddress();
        logins.fail(account, MAX_FAILURES - 1, address);
        assertThat(logins.logIn(account, address).status()).isEqualTo(200);

        assertAtMostChecked(Concurrently.times(GUESSES, () -> logins.wrongPassword(account, address)), MAX_FAILURES);
    }

    @Test
    void simultaneousWrongCurrentPasswordsOnChangePasswordAreCheckedNoMoreThanTheLimit() {
        NewUser account = client.registeredUser(NewUser.unique());
        String access = client.loggedIn(account).access();
        Map<String, String> guess = Map.of("old_password", "Wrong-guess-1", "new_password", "Another-Secret-42",
                "new_password_confirm", "Another-Secret-42");

        List<Reply> replies = Concurrently.times(GUESSES, () -> client.post("/api/users/change-password/", guess, access));

        long checked = replies.stream().filter(r -> r.status() == 400).count();
        replies.stream().filter(r -> r.status() == 400).forEach(r -> r.assertFieldError("old_password"));
        replies.stream().filter(r -> r.status() != 400).forEach(Throttling::assertThrottled);
        assertThat(checked).isLessThanOrEqualTo(MAX_FAILURES);
    }
}
