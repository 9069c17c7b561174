package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's login throttle: AUTH_LOGIN_MAX_FAILURES (default 5) failures in a row, then 429;
 * logins that have not failed are never refused, however many arrive at once.
 */
class LoginThrottleE2ETest {

    private static final int MAX_FAILURES = 5;

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api api = server.api();

    @Test
    void tryAfterTooManyFailuresIsThrottledWithRetryAfter() {
        NewUser user = registered();
        failLogins(user, MAX_FAILURES);

        Reply reply = api.logIn(wrongPassword(user));

        reply.assertProblem(429, "too_many_requests");
        assertThat(reply.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 15 * 60));
    }

    @Test
    void throttledAccountIsRefusedEvenWithTheRightPassword() {
        NewUser user = registered();
        failLogins(user, MAX_FAILURES);

        api.logIn(user).assertProblem(429, "too_many_requests");
    }

    @Test
    void successResetsTheCount() {
        NewUser user = registered();
        failLogins(user, MAX_FAILURES - 1);
        assertThat(api.logIn(user).status()).isEqualTo(200);
        failLogins(user, MAX_FAILURES - 1);

        api.logIn(wrongPassword(user)).assertProblem(401, "invalid_credentials");
    }

    @Test
    void throttlingOneAccountLeavesAnotherAlone() {
        NewUser throttled = registered();
        NewUser other = registered();
        failLogins(throttled, MAX_FAILURES);

        assertThat(api.logIn(other).status()).isEqualTo(200);
    }

    @Test
    void manySimultaneousLoginsWithTheRightPasswordAllSucceed() {
        NewUser user = registered();

        List<Reply> replies = Concurrently.times(4 * MAX_FAILURES, () -> api.logIn(user));

        assertThat(replies).extracting(Reply::status).containsOnly(200);
    }

    private static NewUser registered() {
        NewUser user = NewUser.unique();
        api.registered(user);
        return user;
    }

    private static NewUser wrongPassword(NewUser user) {
        return user.withPassword(user.password() + "-wrong");
    }

    private static void failLogins(NewUser user, int times) {
        for (int i = 0; i < times; i++) {
            api.logIn(wrongPassword(user)).assertProblem(401, "invalid_credentials");
        }
    }
}
