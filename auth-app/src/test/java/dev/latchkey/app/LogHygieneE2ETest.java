package dev.latchkey.app;

import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a full flow against a server in its own process and reads everything it printed: no password,
 * token or password hash may appear there.
 */
class LogHygieneE2ETest {

    private static final int LONGEST_HARMLESS_PART = 19;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path logs;

    private static final List<String> passwords = new ArrayList<>();
    private static final List<String> tokens = new ArrayList<>();
    private static String log;

    @BeforeAll
    static void runAFullFlowAndCaptureTheLog() {
        NewUser user = NewUser.unique();
        String wrongPassword = "Wrong!" + user.password();
        String newPassword = "Changed!" + user.password();
        passwords.addAll(List.of(user.password(), wrongPassword, newPassword));

        try (ServerProcess server = ServerProcess.startHealthy(dataDir, ServerProcess.freePort(), logs.resolve("server.log"),
                Map.of("AUTH_REQUEST_LOG", "all"))) {
            Api api = server.api();
            api.registered(user);
            Tokens first = keep(api.loggedIn(user));
            Tokens rotated = keep(api.refreshed(first.refresh()));
            assertThat(api.me(rotated.access()).status()).isEqualTo(200);
            assertThat(api.logOut(rotated).status()).isEqualTo(200);
            api.logIn(user.withPassword(wrongPassword)).assertProblem(401, "invalid_credentials");
            api.refresh(first.refresh()).assertProblem(401, "token_not_valid"); // reuse: logged as an incident
            Tokens second = keep(api.loggedIn(user));
            assertThat(api.post("/api/users/change-password/", Map.of(
                    "old_password", user.password(),
                    "new_password", newPassword,
                    "new_password_confirm", newPassword), second.access()).status()).isEqualTo(200);
            keep(api.loggedIn(user.withPassword(newPassword)));
            server.stop();
            log = server.output();
        }
    }

    @Test
    void serverLoggedSomething() {
        // Guards the other tests: an empty capture would pass them all.
        assertThat(log).contains("Latchkey");
    }

    @Test
    void logHoldsNoPassword() {
        for (String password : passwords) {
            assertThat(log).doesNotContain(password);
        }
    }

    @Test
    void logHoldsNoTokenNorAnyLongPartOfOne() {
        for (String token : tokens) {
            for (int start = 0; start + LONGEST_HARMLESS_PART + 1 <= token.length(); start++) {
                String part = token.substring(start, start + LONGEST_HARMLESS_PART + 1);
                assertThat(log.contains(part)).as("log contains %s, part of a token", part).isFalse();
            }
        }
    }

    @Test
    void logHoldsNoBcryptHash() {
        assertThat(log).doesNotContain("$2a$").doesNotContain("$2b$").doesNotContain("$2y$");
    }

    private static Tokens keep(Tokens pair) {
        tokens.add(pair.access());
        tokens.add(pair.refresh());
        return pair;
    }
}
