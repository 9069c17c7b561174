package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

import static dev.latchkey.http.ServedApi.PASSWORD;
import static dev.latchkey.http.ServedApi.contentType;
import static dev.latchkey.http.ServedApi.json;
import static dev.latchkey.http.ServedApi.logIn;
import static dev.latchkey.http.ServedApi.post;
import static dev.latchkey.http.ServedApi.register;
import static dev.latchkey.http.ServedApi.serve;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/token/}: log in, refresh with rotation, verify. */
class TokenRoutesTest {

    @Test
    void logInAnswersATokenPair() {
        serve((server, client) -> {
            register(client, "alice");

            Response response = post(client, "/api/token", """
                    {"username": "alice", "password": "%s"}""".formatted(PASSWORD));

            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("application/json");
            JsonNode pair = json(response);
            assertThat(pair.get("access").asText()).isNotBlank();
            assertThat(pair.get("refresh").asText()).isNotBlank().isNotEqualTo(pair.get("access").asText());
            assertThat(pair.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(pair.get("expires_in").asLong()).isEqualTo(15 * 60);
            assertThat(pair.size()).isEqualTo(4);
        });
    }

    @Test
    void logInTakesTheEmailAddressInTheUsernameField() {
        serve((server, client) -> {
            register(client, "alice");

            assertThat(logIn(client, "alice@example.com").has("access")).isTrue();
        });
    }

    @Test
    void logInWithAWrongPasswordIsInvalidCredentials() {
        serve((server, client) -> {
            register(client, "alice");

            Response response = post(client, "/api/token", """
                    {"username": "alice", "password": "not-the-password"}""");

            assertThat(response.code()).isEqualTo(401);
            assertThat(json(response).get("code").asText()).isEqualTo("invalid_credentials");
        });
    }

    @Test
    void refreshRotatesThePairAndSpendsThePresentedToken() {
        serve((server, client) -> {
            register(client, "alice");
            String first = logIn(client, "alice").get("refresh").asText();

            Response rotated = post(client, "/api/token/refresh", "{\"refresh\": \"" + first + "\"}");
            Response again = post(client, "/api/token/refresh", "{\"refresh\": \"" + first + "\"}");

            assertThat(rotated.code()).isEqualTo(200);
            JsonNode pair = json(rotated);
            assertThat(pair.get("refresh").asText()).isNotEqualTo(first);
            assertThat(pair.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(again.code()).isEqualTo(401);
            assertThat(json(again).get("code").asText()).isEqualTo("token_not_valid");
        });
    }

    @Test
    void verifyAnswersAnEmptyObjectForAValidTokenAnd401ForAnyOther() {
        serve((server, client) -> {
            register(client, "alice");
            String access = logIn(client, "alice").get("access").asText();

            Response valid = post(client, "/api/token/verify", "{\"token\": \"" + access + "\"}");
            Response invalid = post(client, "/api/token/verify", "{\"token\": \"" + access + "x\"}");

            assertThat(valid.code()).isEqualTo(200);
            assertThat(valid.body().string()).isEqualTo("{}");
            assertThat(invalid.code()).isEqualTo(401);
            assertThat(json(invalid).get("code").asText()).isEqualTo("token_not_valid");
        });
    }
}
