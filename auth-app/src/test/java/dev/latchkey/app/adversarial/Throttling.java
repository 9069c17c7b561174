package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.NewUser;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Login tries for the throttle tests, optionally with an {@code X-Forwarded-For} header. */
final class Throttling {

    /** The default AUTH_LOGIN_MAX_FAILURES. */
    static final int MAX_FAILURES = 5;

    private final Api client;

    Throttling(Api client) {
        this.client = client;
    }

    Reply logIn(String login, String password, String forwardedFor) {
        HttpRequest.Builder request = client.request("/api/token/")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Api.json(Map.of("username", login, "password", password)), StandardCharsets.UTF_8));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return client.send(request);
    }

    Reply logIn(NewUser account, String forwardedFor) {
        return logIn(account.username(), account.password(), forwardedFor);
    }

    Reply wrongPassword(NewUser account, String forwardedFor) {
        return logIn(account.username(), "Wrong-" + NewUser.token(), forwardedFor);
    }

    void fail(NewUser account, int times, String forwardedFor) {
        for (int i = 0; i < times; i++) {
            wrongPassword(account, forwardedFor).assertProblem(401, "invalid_credentials");
        }
    }

    /** Asserts a 429 with a Retry-After of at least one second. */
    static void assertThrottled(Reply reply) {
        reply.assertProblem(429, "too_many_requests");
        assertThat(reply.header("Retry-After")).as("Retry-After").hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isGreaterThanOrEqualTo(1));
    }
}
