package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.port.UserRepository;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.latchkey.http.ServedApi.contentType;
import static dev.latchkey.http.ServedApi.core;
import static dev.latchkey.http.ServedApi.get;
import static dev.latchkey.http.ServedApi.header;
import static dev.latchkey.http.ServedApi.json;
import static dev.latchkey.http.ServedApi.post;
import static dev.latchkey.http.ServedApi.register;
import static dev.latchkey.http.ServedApi.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Every refusal over HTTP: one status and one {@code code} per failure, always as a problem body. */
class ProblemsTest {

    private static final String LOGIN = "{\"username\": \"alice\", \"password\": \"whatever-it-is\"}";

    @Test
    void aBrokenRuleIsValidationFailedNamingEachField() {
        serve((server, client) -> {
            Response response = post(client, "/api/users/register", """
                    {"username": "alice", "email": "not-an-address", "password": "short", "password_confirm": "short"}""");

            assertProblem(response, 400, "validation_failed");
            JsonNode errors = json(response).get("errors");
            assertThat(errors.fieldNames()).toIterable().contains("email", "password");
            assertThat(errors.get("password").get(0).asText()).isNotBlank();
        });
    }

    @Test
    void aMissingFieldIsValidationFailedOnThatField() {
        serve((server, client) -> {
            Response response = post(client, "/api/token/refresh", "{}");

            assertProblem(response, 400, "validation_failed");
            assertThat(json(response).get("errors").has("refresh")).isTrue();
        });
    }

    @Test
    void onlyValidationProblemsCarryErrors() {
        serve((server, client) -> {
            Response response = post(client, "/api/token", LOGIN);

            assertProblem(response, 401, "invalid_credentials");
            assertThat(json(response).has("errors")).isFalse();
            assertThat(json(response).has("request_id")).isFalse();
        });
    }

    @Test
    void noCredentialsIsNotAuthenticatedWithABearerChallenge() {
        serve((server, client) -> {
            Response response = client.get("/api/users/me");

            assertProblem(response, 401, "not_authenticated");
            assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer");
        });
    }

    @Test
    void aBadTokenIsTokenNotValidWithAnInvalidTokenChallenge() {
        serve((server, client) -> {
            Response response = get(client, "/api/users/me", "not.a.token");

            assertProblem(response, 401, "token_not_valid");
            assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        });
    }

    @Test
    void tooManyFailedLoginsIsTooManyRequestsWithRetryAfter() {
        Latchkey latchkey = core()
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .throttles(Latchkey.inMemoryThrottles(1))
                .build();
        serve(latchkey, (server, client) -> {
            register(client, "alice");
            assertThat(post(client, "/api/token", LOGIN).code()).isEqualTo(401);

            Response response = post(client, "/api/token", LOGIN);

            assertProblem(response, 429, "too_many_requests");
            assertThat(Long.parseLong(header(response, "Retry-After"))).isPositive();
        });
    }

    @Test
    void anUnavailableStoreIsServiceUnavailableWithRetryAfter() {
        UserRepository down = mock(UserRepository.class, call -> {
            throw new AuthFailure.Unavailable("database down", Duration.ofSeconds(3));
        });
        serve(core().users(down).build(), (server, client) -> {
            Response response = post(client, "/api/token", LOGIN);

            assertProblem(response, 503, "service_unavailable");
            assertThat(header(response, "Retry-After")).isEqualTo("3");
        });
    }

    @Test
    void anInstanceNotReadyIsServiceUnavailableWithRetryAfter() {
        serve(core().build(), () -> false, ServedApi.settings(), (server, client) -> {
            Response response = client.get("/health/ready");

            assertProblem(response, 503, "service_unavailable");
            assertThat(header(response, "Retry-After")).isEqualTo("2");
            assertThat(client.get("/health/live").code()).isEqualTo(200);
        });
    }

    @Test
    void anUnexpectedExceptionIsInternalErrorWithARequestIdAndNoDetails() {
        UserRepository broken = mock(UserRepository.class, call -> {
            throw new IllegalStateException("secret internals at row 42");
        });
        serve(core().users(broken).build(), (server, client) -> {
            Response response = post(client, "/api/token", LOGIN);

            assertProblem(response, 500, "internal_error");
            JsonNode problem = json(response);
            assertThat(problem.get("request_id").asText()).isNotBlank().isEqualTo(header(response, "X-Request-Id"));
            assertThat(response.body().string())
                    .doesNotContain("secret internals")
                    .doesNotContain("IllegalStateException")
                    .doesNotContain("dev.latchkey");
        });
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        serve((server, client) -> {
            Response response = client.request("/api/token", req -> req
                    .post(HttpRequest.BodyPublishers.ofString(LOGIN)).header("Content-Type", "text/plain"));

            assertProblem(response, 415, "unsupported_media_type");
        });
    }

    @Test
    void aBodyOverTheLimitIsPayloadTooLarge() {
        serve((server, client) -> {
            String padding = "x".repeat(HttpSettings.DEFAULT_MAX_BODY_BYTES);
            Response response = post(client, "/api/token", "{\"username\": \"" + padding + "\", \"password\": \"p\"}");

            assertProblem(response, 413, "payload_too_large");
        });
    }

    @Test
    void malformedJsonIsABadRequest() {
        serve((server, client) -> {
            Response response = post(client, "/api/token", "{\"username\": ");

            assertProblem(response, 400, "malformed_json");
        });
    }

    @Test
    void anUnknownPathIsNotFound() {
        serve((server, client) -> assertProblem(client.get("/api/nothing-here"), 404, "not_found"));
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        serve((server, client) -> assertProblem(client.delete("/api/users/me"), 405, "method_not_allowed"));
    }

    private static void assertProblem(Response response, int status, String code) {
        String body = response.body().string();
        assertThat(response.code()).as(body).isEqualTo(status);
        assertThat(contentType(response)).startsWith("application/problem+json");
        JsonNode problem = json(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).endsWith("/" + code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
