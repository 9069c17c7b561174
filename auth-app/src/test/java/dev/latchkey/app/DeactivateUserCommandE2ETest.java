package dev.latchkey.app;

import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deactivate-user} against a running server on H2: in the server's process (its session cache
 * learns at once), and from another process, which H2 refuses while the server holds the file.
 */
class DeactivateUserCommandE2ETest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void deactivatedUserCannotLogInAndTheirTokensStopWorking() {
        server = TestServer.start();
        Api api = server.api();
        NewUser user = NewUser.unique();
        api.registered(user);
        Tokens phone = api.loggedIn(user);
        Tokens laptop = api.loggedIn(user);
        assertThat(api.me(phone.access()).status()).isEqualTo(200);

        CliRunner.Result result = CliRunner.on(server).run("deactivate-user", "--username", user.username().toUpperCase());

        assertThat(result.status()).as(result.err()).isZero();
        api.logIn(user).assertProblem(401, "invalid_credentials");
        api.me(phone.access()).assertProblem(401, "token_not_valid");
        api.me(laptop.access()).assertProblem(401, "token_not_valid");
        api.refresh(laptop.refresh()).assertProblem(401, "token_not_valid");
        api.post("/api/token/verify/", Map.of("token", phone.access())).assertProblem(401, "token_not_valid");
    }

    @Test
    void userCanBeNamedByIdInstead() {
        server = TestServer.start();
        NewUser user = NewUser.unique();
        String id = server.api().registered(user);
        Tokens tokens = server.api().loggedIn(user);

        assertThat(CliRunner.on(server).run("deactivate-user", "--id", id).status()).isZero();

        server.api().me(tokens.access()).assertProblem(401, "token_not_valid");
    }

    @Test
    void unknownUserExitsWithStatus1AndSaysSo() {
        server = TestServer.start();

        CliRunner.Result result = CliRunner.on(server).run("deactivate-user", "--username", "nobody_" + System.nanoTime());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("No user with username nobody_");
    }

    @Test
    void onH2ACommandFromAnotherProcessWaitsForTheServerToStop(@TempDir Path dataDir, @TempDir Path logs) throws Exception {
        NewUser user = NewUser.unique();
        Tokens tokens;
        Map<String, String> env = new HashMap<>(TestServer.baseEnv(dataDir));
        try (ServerProcess running = ServerProcess.startHealthy(dataDir, ServerProcess.freePort(), logs.resolve("server.log"), Map.of())) {
            running.api().registered(user);
            tokens = running.api().loggedIn(user);

            Outcome refused = runCommand(env, "deactivate-user", "--username", user.username());

            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.stderr()).contains("is in use", "Stop the server");
            running.stop();
        }

        assertThat(runCommand(env, "deactivate-user", "--username", user.username()).status()).isZero();

        try (ServerProcess restarted = ServerProcess.startHealthy(dataDir, ServerProcess.freePort(), logs.resolve("again.log"), Map.of())) {
            restarted.api().logIn(user).assertProblem(401, "invalid_credentials");
            restarted.api().me(tokens.access()).assertProblem(401, "token_not_valid");
        }
    }

    private record Outcome(int status, String stderr) {
    }

    private static Outcome runCommand(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = ServerProcess.builder(env);
        builder.command().addAll(java.util.List.of(args));
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("command did not finish: " + String.join(" ", args));
        }
        return new Outcome(process.exitValue(), stderr);
    }
}
