package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code AUTH_LOG_FORMAT=json}: every line the server prints is one JSON object. */
class JsonLogE2ETest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path logs;

    /** Quotes and a backslash: what a hand-made JSON line would most likely get wrong. */
    private static final String AGENT = "phone \"beta\" \\ build";
    private static final List<JsonNode> lines = new ArrayList<>();
    private static final List<String> notJson = new ArrayList<>();
    private static String loginRequestId;
    private static String userId;

    @BeforeAll
    static void runAFlowWithJsonLogs() {
        try (ServerProcess server = ServerProcess.startHealthy(dataDir, ServerProcess.freePort(), logs.resolve("server.log"),
                Map.of("AUTH_LOG_FORMAT", "json", "AUTH_REQUEST_LOG", "all"))) {
            Api api = server.api();
            NewUser user = NewUser.unique();
            userId = api.registered(user);
            Reply login = api.logIn(user, AGENT);
            loginRequestId = login.header("X-Request-Id").orElseThrow();
            api.logOut(Tokens.of(login));
            server.stop();
            for (String line : server.output().lines().filter(l -> !l.isBlank()).toList()) {
                try {
                    lines.add(Api.JSON.readTree(line));
                } catch (IOException e) {
                    notJson.add(line);
                }
            }
        }
    }

    private static List<JsonNode> of(String logger) {
        return lines.stream().filter(l -> l.path("logger").asText().equals(logger)).toList();
    }

    @Test
    void everyLineIsAJsonObjectWithTimeLevelLoggerAndMessage() {
        assertThat(notJson).isEmpty();
        assertThat(lines).hasSizeGreaterThan(5).allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.has("ts") && line.has("level") && line.has("logger") && line.has("msg")).as("%s", line).isTrue();
        });
    }

    @Test
    void requestLineHasItsFieldsTyped() {
        JsonNode login = of("latchkey.http").stream()
                .filter(l -> l.path("request_id").asText().equals(loginRequestId))
                .findFirst().orElseThrow();

        assertThat(login.path("method").asText()).isEqualTo("POST");
        assertThat(login.path("route").asText()).isEqualTo("/api/token");
        assertThat(login.path("status").isInt()).isTrue();
        assertThat(login.path("status").asInt()).isEqualTo(200);
        assertThat(login.path("duration_ms").isNumber()).isTrue();
    }

    @Test
    void auditLinesCarryTheEventAndKeepAnAwkwardUserAgentIntact() {
        List<JsonNode> audit = of("latchkey.audit").stream()
                .filter(l -> l.path("user_id").asText().equals(userId))
                .toList();

        assertThat(audit).extracting(l -> l.path("type").asText())
                .containsExactly("USER_CREATED", "EMAIL_VERIFICATION_SENT", "LOGIN_OK", "SESSION_ENDED", "LOGOUT");
        assertThat(audit.get(2).path("user_agent").asText()).isEqualTo(AGENT);
        assertThat(audit.get(2).path("session_id").asText()).isNotEmpty();
    }
}
