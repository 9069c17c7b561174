package dev.latchkey.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM stops taking connections, lets the requests in flight finish, closes the pool and exits 0. */
class GracefulShutdownE2ETest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void loginInFlightWhenSigtermArrivesIsAnsweredAndTheProcessExitsZero() throws Exception {
        int metricsPort = ServerProcess.freePort();
        NewUser user = NewUser.unique();
        try (ServerProcess server = ServerProcess.startHealthy(dataDir, ServerProcess.freePort(), logs.resolve("server.log"),
                Map.of("AUTH_BCRYPT_COST", "12", "AUTH_METRICS_PORT", String.valueOf(metricsPort)))) {
            server.api().registered(user);

            // A login at bcrypt cost 12 takes a few hundred milliseconds: long enough to be caught in flight.
            CompletableFuture<HttpResponse<String>> login = HTTP.sendAsync(
                    server.api().request("/api/token/").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Api.json(user.credentials()))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            awaitRequestInFlight(metricsPort, login);

            server.stop(); // SIGTERM, then waits for the process to exit

            HttpResponse<String> answer = login.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"access\"");
            assertThat(server.exitStatus()).as(server.output()).isZero();
            assertThat(server.output()).contains("Latchkey stopped");
        }
    }

    /** Polls the in-flight gauge on the metrics port until the login is being handled. */
    private static void awaitRequestInFlight(int metricsPort, CompletableFuture<?> request) throws Exception {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).GET().build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            assertThat(request).as("the login finished before it was seen in flight").isNotDone();
            try {
                String metrics = HTTP.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
                if (metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_active ")
                        && Double.parseDouble(line.substring(line.indexOf(' ') + 1)) >= 1)) {
                    return;
                }
            } catch (IOException notYet) {
                // the metrics server answers as soon as the server is healthy; try again
            }
        }
        throw new AssertionError("the login was never seen in flight");
    }
}
