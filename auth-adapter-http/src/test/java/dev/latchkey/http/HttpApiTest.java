package dev.latchkey.http;

import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.latchkey.http.ServedApi.PASSWORD;
import static dev.latchkey.http.ServedApi.contentType;
import static dev.latchkey.http.ServedApi.header;
import static dev.latchkey.http.ServedApi.json;
import static dev.latchkey.http.ServedApi.post;
import static dev.latchkey.http.ServedApi.send;
import static dev.latchkey.http.ServedApi.serve;
import static dev.latchkey.http.ServedApi.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/** What the whole API does alike: headers, paths, methods. */
class HttpApiTest {

    @Test
    void everyAnswerForbidsCachingAndSniffingAndCarriesARequestId() {
        serve((server, client) -> {
            for (Response response : new Response[]{client.get("/health/live"), client.get("/api/users/me")}) {
                assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
                assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(header(response, "X-Request-Id")).isNotBlank();
            }
        });
    }

    @Test
    void corsIsOffByDefault() {
        serve((server, client) -> {
            Response simple = client.get("/health/live", req -> req.header("Origin", "https://elsewhere.example"));
            HttpResponse<String> preflight = send(client, "/api/token", req -> req
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://elsewhere.example")
                    .header("Access-Control-Request-Method", "POST"));

            assertThat(simple.headers().get("Access-Control-Allow-Origin")).isNull();
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
        });
    }

    @Test
    void pathsAnswerWithAndWithoutTheTrailingSlash() {
        serve((server, client) -> {
            Response registered = post(client, "/api/users/register/", """
                    {"username": "alice", "email": "alice@example.com", "password": "%s", "password_confirm": "%s"}"""
                    .formatted(PASSWORD, PASSWORD));
            Response withSlash = post(client, "/api/token/", "{\"username\": \"alice\", \"password\": \"" + PASSWORD + "\"}");
            Response without = post(client, "/api/token", "{\"username\": \"alice\", \"password\": \"" + PASSWORD + "\"}");
            String access = json(without).get("access").asText();

            assertThat(registered.code()).isEqualTo(201);
            assertThat(withSlash.code()).isEqualTo(200);
            assertThat(without.code()).isEqualTo(200);
            assertThat(ServedApi.get(client, "/api/users/me/", access).code()).isEqualTo(200);
            assertThat(ServedApi.get(client, "/api/users/me", access).code()).isEqualTo(200);
            assertThat(client.get("/health/live/").code()).isEqualTo(200);
        });
    }

    @Test
    void headAnswersAsGetWithoutABody() {
        serve((server, client) -> {
            String access = signedIn(client, "alice");

            HttpResponse<String> signed = send(client, "/api/users/me", req -> req
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + access));
            HttpResponse<String> anonymous = send(client, "/api/users/me", req -> req
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));

            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(signed.body()).isEmpty();
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(anonymous.body()).isEmpty();
        });
    }

    @Test
    void twoAuthorizationHeadersAreABadRequest() {
        serve((server, client) -> {
            String alices = signedIn(client, "alice");
            String bobs = signedIn(client, "bob");

            HttpResponse<String> response = send(client, "/api/users/me", req -> req
                    .header("Authorization", "Bearer " + alices)
                    .header("Authorization", "Bearer " + bobs));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(response.body()).get("code").asText()).isEqualTo("bad_request");
            assertThat(response.body()).doesNotContain("alice").doesNotContain("bob");
        });
    }

    @Test
    void successfulAnswersAreJson() {
        serve((server, client) -> {
            Response response = client.get("/health/live");

            assertThat(response.code()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("application/json");
            assertThat(json(response).get("status").asText()).isEqualTo("UP");
        });
    }
}
