package dev.latchkey.app;

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
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP client of the end-to-end and adversarial tests, for one Latchkey server: JSON in,
 * {@link Reply} out, and for hostile requests bodies, content types and headers exactly as given, with
 * a raw socket for what {@code java.net.http} refuses to send (a lying Content-Length).
 */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** How long one request may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final IntSupplier port;

    public Api(int port) {
        this(() -> port);
    }

    /** A client that asks {@code port} at each request, for a server that starts after the client is made. */
    Api(IntSupplier port) {
        this.port = port;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A request builder for {@code path}, with nothing set but the address and a timeout. */
    public HttpRequest.Builder request(String path) {
        URI base = URI.create("http://127.0.0.1:" + port.getAsInt());
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    public Reply send(HttpRequest.Builder request) {
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

    public Reply post(String path, Map<String, ?> body) {
        return postRaw(path, json(body), null);
    }

    public Reply post(String path, Map<String, ?> body, String bearer) {
        return postRaw(path, json(body), bearer);
    }

    /** POSTs {@code rawBody} as {@code application/json}, exactly as given. */
    public Reply postRaw(String path, String rawBody, String bearer) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    /** POSTs {@code body} exactly as given; a null content type or authorization sends no such header. */
    public Reply postRaw(String path, byte[] body, String contentType, String authorization) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply get(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).GET());
    }

    /** GET with {@code authorization} as the whole Authorization header, or none when null. */
    public Reply getWithAuthorization(String path, String authorization) {
        HttpRequest.Builder request = request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public Reply delete(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).DELETE());
    }

    // --- the endpoints most tests go through ---

    public Reply register(NewUser user) {
        return post("/api/users/register/", user.registration());
    }

    /** Registers {@code user} and returns its id; fails the test unless the server answers 201. */
    public String registered(NewUser user) {
        Reply reply = register(user);
        assertThat(reply.status()).as("register %s: %s", user.username(), reply.body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    /** Registers {@code user} and returns it; fails the test unless the server answers 201. */
    public NewUser registeredUser(NewUser user) {
        registered(user);
        return user;
    }

    /** A fresh user, registered and logged in once. */
    public Tokens newSession() {
        return loggedIn(registeredUser(NewUser.unique()));
    }

    public Reply verify(String token) {
        return post("/api/token/verify/", Map.of("token", token));
    }

    public Reply logIn(NewUser user) {
        return post("/api/token/", user.credentials());
    }

    /** Logs in sending {@code userAgent} as the User-Agent header. */
    public Reply logIn(NewUser user, String userAgent) {
        return send(request("/api/token/")
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(json(user.credentials()), StandardCharsets.UTF_8)));
    }

    /** Logs {@code user} in, starting a new session; fails the test unless the server answers 200. */
    public Tokens loggedIn(NewUser user) {
        return Tokens.of(expectOk(logIn(user), "log in " + user.username()));
    }

    public Reply refresh(String refreshToken) {
        return post("/api/token/refresh/", Map.of("refresh", refreshToken));
    }

    public Tokens refreshed(String refreshToken) {
        return Tokens.of(expectOk(refresh(refreshToken), "refresh"));
    }

    public Reply me(String access) {
        return get("/api/users/me/", access);
    }

    public Reply logOut(Tokens tokens) {
        return post("/api/users/logout/", Map.of("refresh", tokens.refresh()), tokens.access());
    }

    public Reply sessions(String access) {
        return get("/api/users/sessions/", access);
    }

    private static Reply expectOk(Reply reply, String what) {
        assertThat(reply.status()).as("%s: %s", what, reply.body()).isEqualTo(200);
        return reply;
    }

    /** {@code body} as JSON text. */
    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Writes {@code head} (request line and headers, CRLF-separated, without the blank line) and
     * {@code body} on a plain socket, half-closes it, and reads the answer's status and body.
     */
    public Reply rawExchange(String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port.getAsInt())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: 127.0.0.1:" + port.getAsInt() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
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

    public record Reply(int status, HttpHeaders headers, String body) {

        /** Text that would mean an internal detail reached the client. */
        private static final List<String> LEAKS = List.of("Exception", "at dev.", "SQL", "org.h2", "java.", "Caused by");

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /**
         * Asserts an RFC 9457 problem with this status and {@code code}, as the contract's error table
         * says, sent with the headers every answer carries and without any internal detail, and
         * returns its body for further checks.
         */
        public JsonNode assertProblem(int expectedStatus, String expectedCode) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as("Content-Type of %s", body).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json();
            assertThat(problem.path("status").isInt()).as("numeric status in %s", body).isTrue();
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
        public JsonNode assertFieldError(String field) {
            JsonNode problem = assertProblem(400, "validation_failed");
            assertThat(problem.path("errors").path(field).isArray()).as("errors.%s in %s", field, body).isTrue();
            assertThat(problem.path("errors").path(field)).as("errors.%s in %s", field, body).isNotEmpty();
            return problem;
        }

        /** Asserts the headers the contract puts on every answer. */
        private void assertHardened() {
            assertThat(header("Cache-Control")).as("Cache-Control on %d", status).hasValue("no-store");
            assertThat(header("X-Content-Type-Options")).as("X-Content-Type-Options on %d", status).hasValue("nosniff");
        }

        /** Asserts that no exception, stack frame, SQL or library name reached the body. */
        private void assertLeaksNothing() {
            assertThat(body).as("body of %d", status).doesNotContain(LEAKS);
            assertThat(body.toLowerCase(Locale.ROOT)).as("body of %d", status).doesNotContain("jdbi", "org.h2");
        }
    }

    /** The token pair of one login or refresh. */
    public record Tokens(String access, String refresh) {
        public static Tokens of(Reply reply) {
            JsonNode body = reply.json();
            return new Tokens(body.get("access").asText(), body.get("refresh").asText());
        }
    }
}
