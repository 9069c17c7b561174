package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.javalin.testtools.TestCase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP adapter over an in-memory core, served by Javalin's test tools on a free port of this JVM
 * for one test, and the few calls the tests share. No database, no server process.
 */
final class ServedApi {

    static final String PASSWORD = "violet-harbour-lantern";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.net.http.HttpClient RAW = java.net.http.HttpClient.newHttpClient();

    private ServedApi() {
    }

    /** The core with every default but a low bcrypt cost, so that a test hashes in milliseconds. */
    static Latchkey.Builder core() {
        return Latchkey.builder().hasher(new BcryptPasswordHasher(4));
    }

    static void serve(TestCase test) {
        serve(core().build(), test);
    }

    static void serve(Latchkey latchkey, TestCase test) {
        serve(latchkey, () -> true, settings(), test);
    }

    /**
     * The server's defaults, but stopping at once: a test's connections stay open after it, and
     * waiting for them to finish would add a second to every test.
     */
    static HttpSettings settings() {
        HttpSettings defaults = HttpSettings.defaults();
        return new HttpSettings(defaults.corsOrigins(), defaults.trustedProxies(), defaults.maxBodyBytes(),
                Duration.ZERO, defaults.requestLog());
    }

    static void serve(Latchkey latchkey, BooleanSupplier ready, HttpSettings settings, TestCase test) {
        JavalinTest.test(HttpApi.create(latchkey, ready, settings), test);
    }

    static Response post(HttpClient client, String path, String json) {
        return post(client, path, json, null);
    }

    static Response post(HttpClient client, String path, String json, String bearer) {
        return client.request(path, req -> {
            req.post(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
            if (bearer != null) {
                req.header("Authorization", "Bearer " + bearer);
            }
        });
    }

    static Response get(HttpClient client, String path, String bearer) {
        return client.get(path, req -> req.header("Authorization", "Bearer " + bearer));
    }

    /**
     * A request the test tools cannot make (HEAD, a header sent twice), on the JDK's client.
     * {@code request} gets the full URI set and adds method and headers.
     */
    static HttpResponse<String> send(HttpClient client, String path, java.util.function.Consumer<HttpRequest.Builder> request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(client.getOrigin() + path));
        request.accept(builder);
        try {
            return RAW.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(Response response) {
        return json(response.body().string());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(Response response) {
        return header(response, "Content-Type");
    }

    static String header(Response response, String name) {
        var values = response.headers().get(name);
        return values == null ? null : values.get(0);
    }

    static JsonNode register(HttpClient client, String username) {
        Response response = post(client, "/api/users/register", """
                {"username": "%s", "email": "%s@example.com", "password": "%s", "password_confirm": "%s"}"""
                .formatted(username, username, PASSWORD, PASSWORD));
        assertThat(response.code()).as(response.body().string()).isEqualTo(201);
        return json(response);
    }

    /** A token pair of {@code username}, who must be registered with {@link #PASSWORD}. */
    static JsonNode logIn(HttpClient client, String username) {
        return logIn(client, username, PASSWORD);
    }

    static JsonNode logIn(HttpClient client, String username, String password) {
        Response response = post(client, "/api/token", """
                {"username": "%s", "password": "%s"}""".formatted(username, password));
        assertThat(response.code()).as(response.body().string()).isEqualTo(200);
        return json(response);
    }

    /** Registers {@code username} and logs in: the access token. */
    static String signedIn(HttpClient client, String username) {
        register(client, username);
        return logIn(client, username).get("access").asText();
    }
}
