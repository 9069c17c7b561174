package dev.latchkey.app.adversarial;

import dev.latchkey.app.AdversarialServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Injection strings, unicode tricks and malformed bodies: each gets its contract answer and changes nothing. */
class HostileInputTest {

    private static AdversarialServer server;
    private static Http http;
    private static String access;

    @BeforeAll
    static void start() {
        server = AdversarialServer.start(Map.of("AUTH_LOGIN_MAX_FAILURES", "1000"));
        http = new Http(server.port());
        access = http.newSession("steady_user")[0];
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String quoted(String s) {
        try {
            return Http.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Http.Reply register(String username, String email, String password) {
        return http.post("/api/users/register/", "{\"username\":" + quoted(username) + ",\"email\":" + quoted(email)
                + ",\"password\":" + quoted(password) + ",\"password_confirm\":" + quoted(password) + "}", null);
    }

    private static void assertNoLeak(Http.Reply reply) {
        assertThat(reply.body()).doesNotContain("Exception", "at dev.", "SQL", "org.h2", "jdbi", "java.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR '1'='1", "\"; DROP TABLE users; --", "admin'--", "%", "_", "\\' OR 1=1 --"})
    void injectionInLoginIsJustAWrongLogin(String hostile) {
        Http.Reply reply = http.post("/api/token/", "{\"username\":" + quoted(hostile) + ",\"password\":" + quoted(hostile) + "}", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("invalid_credentials");
        assertNoLeak(reply);
        assertThat(http.get("/api/users/me/", "Bearer " + access).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR '1'='1", "x; DROP TABLE users", "a\u0000b", "ali ce", "alice\u202Egnp", "zw\u200Dj", "emoji\uD83D\uDE00"})
    void hostileUsernamesAreRefusedOnTheField(String hostile) {
        Http.Reply reply = register(hostile, "hostile@example.com", "Long-enough-pass-7");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(reply.json().path("errors").has("username")).isTrue();
        assertNoLeak(reply);
    }

    @Test
    void fullWidthLettersCollideWithTheirPlainForm() {
        assertThat(register("full", "full@example.com", "Long-enough-pass-7").status()).isEqualTo(201);

        Http.Reply twin = register("ｆｕｌｌ", "full2@example.com", "Long-enough-pass-7");

        assertThat(twin.status()).isEqualTo(400);
        assertThat(twin.json().path("errors").has("username")).isTrue();
    }

    @Test
    void aNulByteInAPasswordIsNeverA500() {
        Http.Reply reply = register("nul_password", "nul@example.com", "pass\u0000word-long-7");
        assertThat(reply.status()).isLessThan(500);
    }

    @Test
    void loneSurrogateEscapesAreAnsweredWithA4xx() {
        Http.Reply reply = http.post("/api/token/", "{\"username\":\"\\ud800\",\"password\":\"\\udfff\"}", null);
        assertThat(reply.status()).isBetween(400, 499);
    }

    @Test
    void deeplyNestedJsonIsMalformed() {
        Http.Reply reply = http.post("/api/token/", "[".repeat(5000) + "]".repeat(5000), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("malformed_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"text\"", "123", "{", "{\"a\":}", ""})
    void bodiesThatAreNotJsonObjectsAreMalformed(String body) {
        Http.Reply reply = http.post("/api/users/register/", body, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("malformed_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "{}", "[]"})
    void wrongJsonTypesAreFieldErrors(String value) {
        Http.Reply reply = http.post("/api/token/", "{\"username\":" + value + ",\"password\":\"x\"}", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(reply.json().path("errors").has("username")).isTrue();
    }

    @Test
    void injectionInASessionIdIsNotFound() {
        Http.Reply reply = http.delete("/api/users/sessions/'%20OR%20'1'='1/", access);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("not_found");
        assertThat(http.get("/api/users/me/", "Bearer " + access).status()).isEqualTo(200);
    }

    @Test
    void aPasswordDifferingOnlyAfterSeventyTwoBytesDoesNotLogIn() {
        String password = "Correct-" + "x".repeat(91) + "A";
        assertThat(register("long_password", "long@example.com", password).status()).isEqualTo(201);

        Http.Reply wrong = http.post("/api/token/", "{\"username\":\"long_password\",\"password\":"
                + quoted(password.substring(0, 99) + "B") + "}", null);
        Http.Reply right = http.post("/api/token/", "{\"username\":\"long_password\",\"password\":" + quoted(password) + "}", null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
    }
}
