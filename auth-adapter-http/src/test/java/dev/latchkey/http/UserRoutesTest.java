package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

import static dev.latchkey.http.ServedApi.PASSWORD;
import static dev.latchkey.http.ServedApi.get;
import static dev.latchkey.http.ServedApi.json;
import static dev.latchkey.http.ServedApi.logIn;
import static dev.latchkey.http.ServedApi.post;
import static dev.latchkey.http.ServedApi.register;
import static dev.latchkey.http.ServedApi.serve;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/users/}: register, the caller's account, log out, change password. */
class UserRoutesTest {

    @Test
    void registerAnswers201WithTheUserAndNoPassword() {
        serve((server, client) -> {
            Response response = post(client, "/api/users/register", """
                    {"username": "Alice", "email": "alice@example.com", "password": "%s", "password_confirm": "%s"}"""
                    .formatted(PASSWORD, PASSWORD));

            assertThat(response.code()).isEqualTo(201);
            JsonNode user = json(response);
            assertThat(user.get("id").asText()).isNotBlank();
            assertThat(user.get("username").asText()).isEqualTo("Alice");
            assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
            assertThat(user.get("date_joined").asText()).isNotBlank();
            assertThat(user.get("last_login").isNull()).isTrue();
            assertThat(response.body().string()).doesNotContain(PASSWORD).doesNotContain("$2");
        });
    }

    @Test
    void meAnswersTheCallersAccountWithItsLastLogin() {
        serve((server, client) -> {
            String id = register(client, "alice").get("id").asText();
            String access = logIn(client, "alice").get("access").asText();

            Response response = get(client, "/api/users/me", access);

            assertThat(response.code()).isEqualTo(200);
            JsonNode me = json(response);
            assertThat(me.get("id").asText()).isEqualTo(id);
            assertThat(me.get("username").asText()).isEqualTo("alice");
            assertThat(me.get("last_login").isNull()).isFalse();
        });
    }

    @Test
    void logOutEndsTheSessionOfTheGivenRefreshToken() {
        serve((server, client) -> {
            register(client, "alice");
            JsonNode pair = logIn(client, "alice");
            String access = pair.get("access").asText();
            String refresh = pair.get("refresh").asText();

            Response response = post(client, "/api/users/logout", "{\"refresh\": \"" + refresh + "\"}", access);

            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response).get("detail").asText()).isEqualTo("Successfully logged out.");
            assertThat(get(client, "/api/users/me", access).code()).isEqualTo(401);
            assertThat(post(client, "/api/token/refresh", "{\"refresh\": \"" + refresh + "\"}").code()).isEqualTo(401);
        });
    }

    @Test
    void logOutTakesTheRefreshTokenAsRefreshTokenToo() {
        serve((server, client) -> {
            register(client, "alice");
            JsonNode pair = logIn(client, "alice");

            Response response = post(client, "/api/users/logout",
                    "{\"refresh_token\": \"" + pair.get("refresh").asText() + "\"}", pair.get("access").asText());

            assertThat(response.code()).isEqualTo(200);
        });
    }

    @Test
    void logOutEverywhereCountsTheSessionsItEnded() {
        serve((server, client) -> {
            register(client, "alice");
            logIn(client, "alice");
            String access = logIn(client, "alice").get("access").asText();

            Response response = post(client, "/api/users/logout-all", "{}", access);

            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response).get("sessions_ended").asInt()).isEqualTo(2);
            assertThat(get(client, "/api/users/me", access).code()).isEqualTo(401);
        });
    }

    @Test
    void changePasswordTakesTheNewPasswordAndRefusesTheOld() {
        serve((server, client) -> {
            register(client, "alice");
            String access = logIn(client, "alice").get("access").asText();
            String next = "copper-meadow-whistle";

            Response response = post(client, "/api/users/change-password", """
                    {"old_password": "%s", "new_password": "%s", "new_password_confirm": "%s"}"""
                    .formatted(PASSWORD, next, next), access);

            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response).get("detail").asText()).isEqualTo("Password changed.");
            assertThat(post(client, "/api/token", "{\"username\": \"alice\", \"password\": \"" + PASSWORD + "\"}").code())
                    .isEqualTo(401);
            assertThat(logIn(client, "alice", next).has("access")).isTrue();
        });
    }
}
