package dev.latchkey.app;

import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics}: off by default; with {@code AUTH_METRICS_PORT}, Prometheus text on that port only. */
class MetricsE2ETest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private TestServer withMetrics() {
        server = TestServer.start(Map.of("AUTH_METRICS_PORT", "0", "AUTH_LOGIN_MAX_FAILURES", "2"));
        return server;
    }

    private HttpResponse<String> metricsPort(String path) {
        int port = server.running().metricsPort().orElseThrow();
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String scrape() {
        HttpResponse<String> response = metricsPort("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of one series, e.g. {@code latchkey_logins_total{outcome="ok"}}; fails when absent. */
    private static double value(String scrape, String series) {
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + scrape));
    }

    @Test
    void metricsAreOffByDefault() {
        server = TestServer.start();

        assertThat(server.running().metricsPort()).isEmpty();
        server.api().get("/metrics").assertProblem(404, "not_found");
    }

    @Test
    void thePublicPortNeverServesMetrics() {
        withMetrics();

        server.api().get("/metrics").assertProblem(404, "not_found");
    }

    @Test
    void metricsPortServesPrometheusTextAtMetricsOnly() {
        withMetrics();

        HttpResponse<String> response = metricsPort("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE latchkey_logins_total counter");
        assertThat(metricsPort("/api/token/").statusCode()).isEqualTo(404);
    }

    @Test
    void loginsAreCountedByOutcome() {
        Api api = withMetrics().api();
        NewUser user = NewUser.unique();
        api.registered(user);
        api.loggedIn(user);
        NewUser wrong = user.withPassword("Wrong!" + user.password());
        api.logIn(wrong).assertProblem(401, "invalid_credentials");
        api.logIn(wrong).assertProblem(401, "invalid_credentials");
        api.logIn(wrong).assertProblem(429, "too_many_requests");

        String scrape = scrape();

        assertThat(value(scrape, "latchkey_logins_total{outcome=\"ok\"}")).isEqualTo(1);
        assertThat(value(scrape, "latchkey_logins_total{outcome=\"invalid\"}")).isEqualTo(2);
        assertThat(value(scrape, "latchkey_logins_total{outcome=\"throttled\"}")).isEqualTo(1);
    }

    @Test
    void refreshReuseAndEndedSessionsAreCountedByReason() {
        Api api = withMetrics().api();
        NewUser user = NewUser.unique();
        api.registered(user);
        Tokens first = api.loggedIn(user);
        api.refreshed(first.refresh());
        api.refresh(first.refresh()).assertProblem(401, "token_not_valid");
        assertThat(api.logOut(api.loggedIn(user)).status()).isEqualTo(200);

        String scrape = scrape();

        assertThat(value(scrape, "latchkey_refresh_reuse_total")).isEqualTo(1);
        assertThat(value(scrape, "latchkey_sessions_ended_total{reason=\"refresh_reuse\"}")).isEqualTo(1);
        assertThat(value(scrape, "latchkey_sessions_ended_total{reason=\"logout\"}")).isEqualTo(1);
        assertThat(value(scrape, "latchkey_sessions_ended_total{reason=\"password_changed\"}")).isZero();
    }

    @Test
    void requestsAreCountedByRouteMethodAndStatusWithLatencyBuckets() {
        Api api = withMetrics().api();
        NewUser user = NewUser.unique();
        api.registered(user);
        api.logIn(user.withPassword("Wrong!" + user.password()));
        api.get("/api/users/sessions/", "not-a-token");
        api.get("/no/such/thing");

        String scrape = scrape();

        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"POST\",route=\"/api/users/register\",status=\"201\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"POST\",route=\"/api/token\",status=\"401\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"GET\",route=\"/api/users/sessions\",status=\"401\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"))
                .isEqualTo(1);
        assertThat(scrape).contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/api/token\",status=\"401\",le=\"0.25\"}");
        assertThat(scrape).doesNotContain("/no/such/thing");
    }

    @Test
    void hashingQueuePoolAndRequestsInFlightAreExposed() {
        withMetrics();

        String scrape = scrape();

        assertThat(value(scrape, "latchkey_hashing_queued")).isZero();
        assertThat(value(scrape, "http_server_requests_active")).isZero();
        assertThat(value(scrape, "hikaricp_connections_max{pool=\"latchkey\"}")).isEqualTo(10);
        assertThat(scrape).contains("hikaricp_connections_active{pool=\"latchkey\"}");
    }
}
