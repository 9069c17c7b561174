package dev.latchkey.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link Main} in its own OS process, on the test's class path, with everything it prints
 * (stdout and stderr) kept in a file. For what needs a process boundary: SIGKILL, exit status, logs.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path output;

    private ServerProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Starts a server on {@code port} with its H2 data in {@code dataDir} and waits until {@code /health}
     * answers 200. {@code output} receives stdout and stderr.
     */
    static ServerProcess startHealthy(Path dataDir, int port, Path output, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(TestServer.baseEnv(dataDir));
        env.put("AUTH_PORT", String.valueOf(port));
        env.putAll(extraEnv);
        ProcessBuilder builder = builder(env).redirectErrorStream(true).redirectOutput(output.toFile());
        ServerProcess server;
        try {
            server = new ServerProcess(builder.start(), port, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.awaitHealthy();
        return server;
    }

    /** A {@code java … dev.latchkey.app.Main} command with exactly {@code env} as its AUTH_* settings. */
    static ProcessBuilder builder(Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.latchkey.app.Main"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AUTH_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        return builder;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    Api api() {
        return new Api(port);
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the server shuts down the way an operator would stop it. */
    void stop() {
        process.destroy();
        if (!awaitExit()) {
            kill();
        }
    }

    /** The exit status; only once the process has exited (after {@link #stop} or {@link #kill}). */
    int exitStatus() {
        return process.exitValue();
    }

    /** Everything the process printed so far. */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private boolean awaitExit() {
        try {
            return process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code /health} until it answers 200, the process dies or the deadline passes. */
    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // keep polling
                }
                // The poll interval; also notices at once when the process has died.
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("server exited with " + process.exitValue() + " before it was healthy:\n" + output());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        close();
        throw new AssertionError("server not healthy within " + START_TIMEOUT + ":\n" + output());
    }
}
