package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker can vary besides the body: HEAD on every GET route (answered as GET would be,
 * authentication included), more than one Authorization header, and a keep-alive connection reused
 * after a request refused before routing.
 */
class MethodsAndHeadersTest {

    /** Every GET route of the server, and paths a GET refuses (404, 405). */
    private static final List<String> GET_PATHS = List.of("/api/users/me/", "/api/users/sessions/", "/api/users/me",
            "/.well-known/jwks.json", "/health", "/openapi.yaml", "/docs", "/docs/assets/swagger-ui.css",
            "/docs/assets/nothing.js", "/api/no-such-thing/", "/api/token/");
    /** Headers that differ between any two answers. */
    private static final Set<String> PER_ANSWER = Set.of("date", "x-request-id");

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api client = server.api();
    private static Tokens tokens;

    @BeforeAll
    static void prepare() {
        tokens = client.newSession();
    }

    // --- HEAD ---

    static Stream<Arguments> getRoutesWithEveryKindOfCaller() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : GET_PATHS) {
            cases.add(Arguments.of(path, "no token", (Function<Tokens, String>) t -> null));
            cases.add(Arguments.of(path, "garbage token", (Function<Tokens, String>) t -> "Bearer not-a-token"));
            cases.add(Arguments.of(path, "refresh token", (Function<Tokens, String>) t -> "Bearer " + t.refresh()));
            cases.add(Arguments.of(path, "good token", (Function<Tokens, String>) t -> "Bearer " + t.access()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "HEAD {0} with {1}")
    @MethodSource("getRoutesWithEveryKindOfCaller")
    void headAnswersExactlyAsGetWithoutTheBody(String path, String caller, Function<Tokens, String> authorization) {
        Reply get = client.getWithAuthorization(path, authorization.apply(tokens));
        Reply head = head(path, authorization.apply(tokens));

        assertThat(head.status()).as("status of HEAD %s (GET: %s)", path, get.body()).isEqualTo(get.status());
        assertThat(head.body()).as("HEAD body").isEmpty();
        assertThat(headerNames(head)).as("header names").isEqualTo(headerNames(get));
        for (String name : headerNames(get)) {
            assertThat(head.headers().allValues(name)).as("header %s", name).isEqualTo(get.headers().allValues(name));
        }
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/api/users/me/", "/api/users/sessions/"})
    void headOfAProtectedRouteWithoutATokenIsRefused(String path) {
        Reply head = head(path, null);

        assertThat(head.status()).isEqualTo(401);
        assertThat(head.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(head.header("WWW-Authenticate")).hasValue("Bearer");
        assertThat(head(path, "Bearer garbage").status()).isEqualTo(401);
    }

    private static Reply head(String path, String authorization) {
        HttpRequest.Builder request = client.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request);
    }

    private static Set<String> headerNames(Reply reply) {
        Set<String> names = new TreeSet<>();
        reply.headers().map().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        names.removeAll(PER_ANSWER);
        return names;
    }

    // --- two Authorization headers ---

    static Stream<Arguments> everyRouteThatReadsAuthorization() {
        return Stream.of(
                Arguments.of("GET", "/api/users/me/", null),
                Arguments.of("HEAD", "/api/users/me/", null),
                Arguments.of("GET", "/api/users/sessions/", null),
                Arguments.of("DELETE", "/api/users/sessions/{sid}/", null),
                Arguments.of("POST", "/api/users/logout/", "{\"refresh\":\"{refresh}\"}"),
                Arguments.of("POST", "/api/users/logout-all/", "{}"),
                Arguments.of("POST", "/api/users/change-password/",
                        "{\"old_password\":\"{password}\",\"new_password\":\"Brand-new-pass-9\",\"new_password_confirm\":\"Brand-new-pass-9\"}"),
                // and routes that take no token: the request is refused all the same
                Arguments.of("GET", "/health", null),
                Arguments.of("POST", "/api/token/", "{\"username\":\"{username}\",\"password\":\"{password}\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRouteThatReadsAuthorization")
    void twoAuthorizationHeadersAreABadRequestAndChangeNothing(String method, String path, String body) {
        NewUser victim = client.registeredUser(NewUser.unique());
        Tokens victimTokens = client.loggedIn(victim);
        Tokens other = client.newSession();
        String sid = client.getWithAuthorization("/api/users/sessions/", "Bearer " + victimTokens.access()).json().get(0).get("id").asText();
        String fill = body == null ? null : body.replace("{refresh}", victimTokens.refresh())
                .replace("{password}", victim.password()).replace("{username}", victim.username());
        HttpRequest.Builder request = client.request(path.replace("{sid}", sid))
                .header("Authorization", "Bearer " + victimTokens.access())
                .header("Authorization", "Bearer " + other.access())
                .method(method, fill == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(fill));
        if (fill != null) {
            request.header("Content-Type", "application/json");
        }

        Reply reply = client.send(request);

        if (method.equals("HEAD")) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        } else {
            reply.assertProblem(400, "bad_request");
        }
        assertThat(client.me(victimTokens.access()).status()).as("the victim's session still works").isEqualTo(200);
        assertThat(client.me(other.access()).status()).as("the other session still works").isEqualTo(200);
        assertThat(client.logIn(victim).status()).as("the password is unchanged").isEqualTo(200);
    }

    @Test
    void twoAuthorizationHeadersOfOneUserAreRefusedToo() {
        Reply reply = client.send(client.request("/api/users/me/")
                .header("Authorization", "Bearer " + tokens.access())
                .header("Authorization", "Bearer " + tokens.access()).GET());

        reply.assertProblem(400, "bad_request");
    }

    // --- a keep-alive connection after a request refused before routing ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DELETE /api/users/sessions/%00/", "GET /api/users/%2e%2e/%2e%2e/health", "GET /health/%00",
            "GET /api/users/me/%ff%fe/"})
    void aRefusalBeforeRoutingSaysConnectionCloseOrKeepsTheConnectionWorking(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            RawAnswer first = exchange(socket, requestLine + " HTTP/1.1");

            assertThat(first.status()).as(first.head()).isBetween(400, 499);
            if (first.saysClose()) {
                assertThat(socket.getInputStream().read()).as("the connection is closed after saying so").isEqualTo(-1);
            } else {
                RawAnswer second = exchange(socket, "GET /health HTTP/1.1");
                assertThat(second.status()).as("the next request on the connection").isEqualTo(200);
            }
        }
    }

    @Test
    void aRoutedRefusalKeepsTheConnectionWorking() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            assertThat(exchange(socket, "GET /api/users/me/ HTTP/1.1").status()).isEqualTo(401);
            assertThat(exchange(socket, "GET /health HTTP/1.1").status()).isEqualTo(200);
        }
    }

    /** One answer read off a raw connection: its head (status line and headers) and body. */
    record RawAnswer(String head, String body) {
        int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }

        boolean saysClose() {
            return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
        }
    }

    /** Sends one request on {@code socket} without closing it, and reads one answer, body included. */
    private RawAnswer exchange(Socket socket, String requestLine) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((requestLine + "\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("an answer to %s, so far: %s", requestLine, head).isNotNegative();
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        assertThat(headText.toLowerCase(Locale.ROOT)).as("no chunked answers here").doesNotContain("transfer-encoding: chunked");
        return new RawAnswer(headText, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}
