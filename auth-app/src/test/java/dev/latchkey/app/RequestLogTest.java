package dev.latchkey.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request log ({@code latchkey.http}): one line per request, what was asked and answered, no
 * more; with {@code AUTH_REQUEST_LOG=all} for every request, by default for failures only.
 */
class RequestLogTest {

    private TestServer server = TestServer.start(Map.of("AUTH_REQUEST_LOG", "all"));
    private final Logger requestLogger = (Logger) LoggerFactory.getLogger("latchkey.http");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    RequestLogTest() {
        lines.start();
        requestLogger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        requestLogger.detachAppender(lines);
        server.stop();
    }

    private static Map<String, Object> fields(ILoggingEvent line) {
        return line.getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> a, LinkedHashMap::new));
    }

    /** The line of the request that answered with this X-Request-Id. */
    private Map<String, Object> lineOf(Reply reply) {
        String id = reply.header("X-Request-Id").orElseThrow();
        return linesOf(reply).stream()
                .reduce((a, b) -> {
                    throw new AssertionError("two lines for request " + id);
                })
                .orElseThrow(() -> new AssertionError("no line for request " + id));
    }

    private List<Map<String, Object>> linesOf(Reply reply) {
        String id = reply.header("X-Request-Id").orElseThrow();
        return lines.list.stream().map(RequestLogTest::fields).filter(f -> id.equals(f.get("request_id"))).toList();
    }

    private void restartWith(Map<String, String> env) {
        server.stop();
        server = TestServer.start(env);
    }

    @Test
    void answeredRequestIsOneLineWithMethodRouteStatusDurationAndRequestId() {
        NewUser user = NewUser.unique();

        Map<String, Object> line = lineOf(server.api().register(user));

        assertThat(line).containsOnlyKeys("method", "route", "status", "duration_ms", "request_id");
        assertThat(line).containsEntry("method", "POST").containsEntry("route", "/api/users/register").containsEntry("status", 201);
        assertThat((Double) line.get("duration_ms")).isPositive();
    }

    @Test
    void routeIsTheMatchedPatternNotThePath() {
        Api api = server.api();
        NewUser user = NewUser.unique();
        api.registered(user);
        Tokens tokens = api.loggedIn(user);

        Reply reply = api.delete("/api/users/sessions/00000000-0000-0000-0000-000000000000/", tokens.access());

        assertThat(lineOf(reply)).containsEntry("route", "/api/users/sessions/{id}").containsEntry("status", 404);
    }

    @Test
    void unknownPathIsLoggedAsUnmatched() {
        assertThat(lineOf(server.api().get("/wp-admin/secret-probe"))).containsEntry("route", "unmatched");
    }

    @Test
    void refusedRequestIsLoggedWithItsStatus() {
        assertThat(lineOf(server.api().postRaw("/api/token/", "{not json", null))).containsEntry("status", 400);
    }

    @Test
    void noHeaderBodyOrTokenIsLogged() {
        Api api = server.api();
        NewUser user = NewUser.unique();
        api.registered(user);
        Tokens tokens = api.loggedIn(user);
        api.me(tokens.access());

        List<String> logged = lines.list.stream()
                .map(line -> line.getFormattedMessage() + " " + line.getKeyValuePairs().stream()
                        .map(KeyValuePair::toString).collect(Collectors.joining(" ")))
                .toList();

        assertThat(logged).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(tokens.access().substring(0, 30))
                .doesNotContain(user.password())
                .doesNotContain(user.username())
                .doesNotContain("Bearer")
                .doesNotContain("application/json"));
    }

    @Test
    void byDefaultOnlyFailuresAreLogged() {
        restartWith(Map.of());
        Api api = server.api();
        NewUser user = NewUser.unique();

        Reply registered = api.register(user);
        Reply refused = api.postRaw("/api/token/", "{not json", null);
        Reply unauthenticated = api.get("/api/users/me/");

        assertThat(registered.status()).isEqualTo(201);
        assertThat(linesOf(registered)).isEmpty();
        assertThat(lineOf(refused)).containsEntry("status", 400).containsEntry("route", "/api/token");
        assertThat(lineOf(unauthenticated)).containsEntry("status", 401);
    }

    @Test
    void offLogsNothing() {
        restartWith(Map.of("AUTH_REQUEST_LOG", "off"));

        Reply refused = server.api().postRaw("/api/token/", "{not json", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(linesOf(refused)).isEmpty();
    }
}
