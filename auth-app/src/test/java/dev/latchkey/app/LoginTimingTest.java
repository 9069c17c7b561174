package dev.latchkey.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unknown user and wrong password must take the same time, or the login endpoint tells who has an
 * account. Compares the medians of interleaved tries relative to each other, never against a
 * fixed duration.
 */
class LoginTimingTest {

    private static final int TRIES = 15;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        // Cost 8: a hash takes a few milliseconds, so a skipped hash would stand out from the noise.
        server = TestServer.start(Map.of("AUTH_BCRYPT_COST", "8", "AUTH_LOGIN_MAX_FAILURES", "1000"));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long timedLogIn(String username, String password) {
        long start = System.nanoTime();
        Api.Reply reply = api.post("/api/token/", Map.of("username", username, "password", password));
        long elapsed = System.nanoTime() - start;
        assertThat(reply.status()).isEqualTo(401);
        return elapsed;
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void unknownUserTakesAsLongAsAWrongPassword() {
        List<NewUser> users = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            NewUser user = NewUser.unique();
            api.register(user);
            users.add(user);
        }
        for (int i = 0; i < 3; i++) { // warm-up, not measured
            timedLogIn(users.get(i).username(), "Wrong-password-" + i);
            timedLogIn("nobody_warm_" + i, "Wrong-password-" + i);
        }
        List<Long> unknown = new ArrayList<>();
        List<Long> wrongPassword = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            unknown.add(timedLogIn(NewUser.unique().username(), "Wrong-password-" + i));
            wrongPassword.add(timedLogIn(users.get(i).username(), "Wrong-password-" + i));
        }

        double ratio = (double) median(unknown) / median(wrongPassword);
        assertThat(ratio).as("median(unknown user) / median(wrong password)").isBetween(0.5, 2.0);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameBody() {
        NewUser user = NewUser.unique();
        api.register(user);

        String wrongPassword = api.post("/api/token/", Map.of("username", user.username(), "password", "Nope-nope-1")).body();
        String unknown = api.post("/api/token/", Map.of("username", NewUser.unique().username(), "password", "Nope-nope-1")).body();

        assertThat(unknown).isEqualTo(wrongPassword);
    }
}
