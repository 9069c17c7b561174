package dev.latchkey.app.adversarial;

import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unknown user, wrong password and inactive account must take the same time, or login tells who has
 * an account. bcrypt at cost 8 makes one verification cost a few milliseconds, so a skipped one
 * would stand out. Tries are interleaved after a warm-up, each known account is tried once (the
 * throttle is raised out of the way), and only medians are compared with each other.
 */
class LoginTimingTest {

    private static final int TRIES = 15;
    private static final int WARM_UP = 3;

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_BCRYPT_COST", "8", "AUTH_LOGIN_MAX_FAILURES", "1000"));
    private static final Api client = server.api();

    private static long timedFailure(String username, String password) {
        long start = System.nanoTime();
        Api.Reply reply = client.post("/api/token/", Map.of("username", username, "password", password));
        long elapsed = System.nanoTime() - start;
        reply.assertProblem(401, "invalid_credentials");
        return elapsed;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static List<NewUser> registered(int count) {
        List<NewUser> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            accounts.add(client.registeredUser(NewUser.unique()));
        }
        return accounts;
    }

    @Test
    void unknownUserAndInactiveAccountTakeAsLongAsAWrongPassword() {
        List<NewUser> wrongPassword = registered(WARM_UP + TRIES);
        List<NewUser> inactive = registered(WARM_UP + TRIES);
        inactive.forEach(account -> server.deactivate(account.username()));
        List<Long> unknownTimes = new ArrayList<>();
        List<Long> wrongTimes = new ArrayList<>();
        List<Long> inactiveTimes = new ArrayList<>();

        for (int i = 0; i < WARM_UP + TRIES; i++) {
            long unknown = timedFailure(NewUser.unique().username(), "Wrong-" + NewUser.token());
            long wrong = timedFailure(wrongPassword.get(i).username(), "Wrong-" + NewUser.token());
            // The right password of a deactivated account: the case that would tell most.
            long deactivated = timedFailure(inactive.get(i).username(), inactive.get(i).password());
            if (i >= WARM_UP) {
                unknownTimes.add(unknown);
                wrongTimes.add(wrong);
                inactiveTimes.add(deactivated);
            }
        }

        double unknownRatio = (double) median(unknownTimes) / median(wrongTimes);
        double inactiveRatio = (double) median(inactiveTimes) / median(wrongTimes);
        assertThat(unknownRatio).as("median(unknown user) / median(wrong password)").isBetween(0.5, 2.0);
        assertThat(inactiveRatio).as("median(inactive account) / median(wrong password)").isBetween(0.5, 2.0);
    }

    @Test
    void unknownUserWrongPasswordAndInactiveAccountGetTheSameBody() {
        NewUser known = client.registeredUser(NewUser.unique());
        NewUser inactive = client.registeredUser(NewUser.unique());
        server.deactivate(inactive.username());

        String unknownBody = client.post("/api/token/", Map.of("username", NewUser.unique().username(), "password", "Nope-nope-1")).body();
        String wrongBody = client.post("/api/token/", Map.of("username", known.username(), "password", "Nope-nope-1")).body();
        String inactiveBody = client.logIn(inactive).body();

        assertThat(List.of(wrongBody, inactiveBody)).containsOnly(unknownBody);
    }
}
