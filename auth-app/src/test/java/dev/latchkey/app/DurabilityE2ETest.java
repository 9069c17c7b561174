package dev.latchkey.app;

import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "A 2xx answer means the change is durable": the server is SIGKILLed right after answering. */
class DurabilityE2ETest {

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void registrationAnsweredBeforeAKillSurvivesIt() {
        NewUser user = NewUser.unique();
        try (ServerProcess first = start("first.log")) {
            assertThat(first.api().register(user).status()).isEqualTo(201);
            first.kill();
        }

        try (ServerProcess second = start("second.log")) {
            assertThat(second.api().logIn(user).status()).isEqualTo(200);
        }
    }

    @Test
    void refreshTokenIssuedBeforeAKillWorksAfterIt() {
        NewUser user = NewUser.unique();
        Tokens rotated;
        try (ServerProcess first = start("first.log")) {
            Api api = first.api();
            api.registered(user);
            rotated = api.refreshed(api.loggedIn(user).refresh());
            first.kill();
        }

        try (ServerProcess second = start("second.log")) {
            assertThat(second.api().refresh(rotated.refresh()).status()).isEqualTo(200);
        }
    }

    @Test
    void refreshTokenSpentBeforeAKillStaysSpentAfterIt() {
        NewUser user = NewUser.unique();
        Tokens login;
        Tokens rotated;
        try (ServerProcess first = start("first.log")) {
            Api api = first.api();
            api.registered(user);
            login = api.loggedIn(user);
            rotated = api.refreshed(login.refresh());
            first.kill();
        }

        try (ServerProcess second = start("second.log")) {
            // The session itself survived; otherwise the 401 below would prove nothing.
            assertThat(second.api().me(rotated.access()).status()).isEqualTo(200);
            second.api().refresh(login.refresh()).assertProblem(401, "token_not_valid");
        }
    }

    private Map<String, String> databaseEnv;

    /** Settings that choose the database; the embedded H2 file under the data dir by default. */
    protected Map<String, String> databaseEnv() {
        return Map.of();
    }

    private ServerProcess start(String logName) {
        if (databaseEnv == null) {
            databaseEnv = databaseEnv(); // one database for both processes of a test
        }
        return ServerProcess.startHealthy(dataDir, ServerProcess.freePort(), logs.resolve(logName), databaseEnv);
    }
}
