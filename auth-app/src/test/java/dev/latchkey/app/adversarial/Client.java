package dev.latchkey.app.adversarial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP client for hostile requests to one server: bodies, content types and headers exactly as
 * given, and a raw socket for what {@code java.net.http} refuses to send (a lying Content-Length).
 */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Text that would mean an internal detail reached the client. */
    private static final List<String> LEAKS = List.of("Exception", "at dev.", "SQL", "org.h2", "java.", "Caused by");

    private final int port;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Client(int port) {
        this.port = port;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply post(String path, Map<String, ?> body) {
        return post(path, body, null);
    }

    Reply post(String path, Map<String, ?> body, String bearer) {
        return postRaw(path, json(body).getBytes(StandardCharsets.UTF_8), "application/json",
                bearer == null ? null : "Bearer " + bearer);
    }

    /** POSTs {@code body} exactly as given; a null content type or authorization sends no such header. */
    Reply postRaw(String path, byte[] body, String contentType, String authorization) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Reply postJson(String path, String rawJson, String bearer) {
        return postRaw(path, rawJson.getBytes(StandardCharsets.UTF_8), "application/json",
                bearer == null ? null : "Bearer " + bearer);
    }

    /** GET with {@code authorization} as the whole Authorization header, or none when null. */
    Reply get(String path, String authorization) {
        HttpRequest.Builder request = request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Reply delete(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).DELETE());
    }

    // --- the endpoints most tests go through ---

    Reply register(Account account) {
        return post("/api/users/register/", account.registration());
    }

    /** Registers {@code account}; fails the test unless the server answers 201. */
    Account registered(Account account) {
        Reply reply = register(account);
        assertThat(reply.status()).as("register %s: %s", account.username(), reply.body()).isEqualTo(201);
        return account;
    }

    Reply logIn(Account account) {
        return post("/api/token/", account.credentials());
    }

    Tokens loggedIn(Account account) {
        Reply reply = logIn(account);
        assertThat(reply.status()).as("log in %s: %s", account.username(), reply.body()).isEqualTo(200);
        return Tokens.of(reply);
    }

    /** A fresh account, registered and logged in once. */
    Tokens newSession() {
        return loggedIn(registered(Account.fresh()));
    }

    Reply me(String access) {
        return get("/api/users/me/", "Bearer " + access);
    }

    Reply refresh(String refresh) {
        return post("/api/token/refresh/", Map.of("refresh", refresh));
    }

    Reply verify(String token) {
        return post("/api/token/verify/", Map.of("token", token));
    }

    Reply logOut(Tokens tokens) {
        return post("/api/users/logout/", Map.of("refresh", tokens.refresh()), tokens.access());
    }

    /**
     * Writes {@code head} (request line and headers, CRLF-separated, without the blank line) and
     * {@code body} on a plain socket, half-closes it, and reads the answer's status and body.
     */
    Reply rawExchange(String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                    if (isComplete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketException reset) {
                // The server may close early after answering; what arrived is the answer.
            }
            return parse(received.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isComplete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).strip());
        return text.length() - end - 4 >= length;
    }

    private static Reply parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: %s", text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new java.util.ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        return new Reply(status, HttpHeaders.of(headers, (k, v) -> true), text.substring(end + 4));
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One HTTP answer. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /**
         * Asserts an RFC 9457 problem with this status and {@code code}, sent with the headers every
         * answer carries and without any internal detail, and returns its body.
         */
        JsonNode assertProblem(int expectedStatus, String expectedCode) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as("Content-Type of %s", body).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json();
            assertThat(problem.path("status").asInt()).as("status in %s", body).isEqualTo(expectedStatus);
            assertThat(problem.path("code").asText()).as("code in %s", body).isEqualTo(expectedCode);
            if (expectedCode.equals("not_authenticated")) {
                assertThat(header("WWW-Authenticate")).as("WWW-Authenticate").hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer"));
            }
            assertHardened();
            assertLeaksNothing();
            return problem;
        }

        /** Asserts a 400 {@code validation_failed} naming {@code field} in {@code errors}. */
        JsonNode assertFieldError(String field) {
            JsonNode problem = assertProblem(400, "validation_failed");
            assertThat(problem.path("errors").path(field).isArray()).as("errors.%s in %s", field, body).isTrue();
            assertThat(problem.path("errors").path(field)).as("errors.%s in %s", field, body).isNotEmpty();
            return problem;
        }

        void assertHardened() {
            assertThat(header("Cache-Control")).as("Cache-Control on %d", status).hasValue("no-store");
            assertThat(header("X-Content-Type-Options")).as("X-Content-Type-Options on %d", status).hasValue("nosniff");
        }

        void assertLeaksNothing() {
            assertThat(body).as("body of %d", status).doesNotContain(LEAKS);
            assertThat(body.toLowerCase(Locale.ROOT)).as("body of %d", status).doesNotContain("jdbi", "org.h2");
        }
    }

    /** The token pair of one login or refresh. */
    record Tokens(String access, String refresh) {
        static Tokens of(Reply reply) {
            JsonNode body = reply.json();
            return new Tokens(body.get("access").asText(), body.get("refresh").asText());
        }
    }
}
