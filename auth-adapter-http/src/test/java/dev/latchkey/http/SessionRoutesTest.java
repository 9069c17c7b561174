package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

import static dev.latchkey.http.ServedApi.get;
import static dev.latchkey.http.ServedApi.json;
import static dev.latchkey.http.ServedApi.logIn;
import static dev.latchkey.http.ServedApi.register;
import static dev.latchkey.http.ServedApi.serve;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/users/sessions/}: the caller's active sessions, and ending one of them. */
class SessionRoutesTest {

    @Test
    void listShowsEverySessionNewestFirstAndMarksTheCurrentOne() {
        serve((server, client) -> {
            register(client, "alice");
            logIn(client, "alice");
            String access = logIn(client, "alice").get("access").asText();

            Response response = get(client, "/api/users/sessions", access);

            assertThat(response.code()).isEqualTo(200);
            JsonNode sessions = json(response);
            assertThat(sessions.size()).isEqualTo(2);
            assertThat(sessions.get(0).get("current").asBoolean()).isTrue();
            assertThat(sessions.get(1).get("current").asBoolean()).isFalse();
            assertThat(sessions.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder(
                    "id", "created_at", "last_used_at", "expires_at", "user_agent", "ip", "current");
        });
    }

    @Test
    void deletingAnotherSessionAnswers204AndEndsIt() {
        serve((server, client) -> {
            register(client, "alice");
            String other = logIn(client, "alice").get("access").asText();
            String access = logIn(client, "alice").get("access").asText();
            String otherId = json(get(client, "/api/users/sessions", access)).get(1).get("id").asText();

            Response response = client.delete("/api/users/sessions/" + otherId, null,
                    req -> req.header("Authorization", "Bearer " + access));

            assertThat(response.code()).isEqualTo(204);
            assertThat(response.body().string()).isEmpty();
            assertThat(get(client, "/api/users/me", other).code()).isEqualTo(401);
            assertThat(json(get(client, "/api/users/sessions", access)).size()).isEqualTo(1);
        });
    }

    @Test
    void deletingASessionThatIsNotTheCallersAnswers404() {
        serve((server, client) -> {
            register(client, "bob");
            String bobs = logIn(client, "bob").get("access").asText();
            String bobsSession = json(get(client, "/api/users/sessions", bobs)).get(0).get("id").asText();
            register(client, "alice");
            String access = logIn(client, "alice").get("access").asText();

            Response unknown = client.delete("/api/users/sessions/no-such-session", null,
                    req -> req.header("Authorization", "Bearer " + access));
            Response someoneElses = client.delete("/api/users/sessions/" + bobsSession, null,
                    req -> req.header("Authorization", "Bearer " + access));

            assertThat(unknown.code()).isEqualTo(404);
            assertThat(json(unknown).get("code").asText()).isEqualTo("not_found");
            assertThat(someoneElses.code()).isEqualTo(404);
            assertThat(get(client, "/api/users/me", bobs).code()).isEqualTo(200);
        });
    }
}
