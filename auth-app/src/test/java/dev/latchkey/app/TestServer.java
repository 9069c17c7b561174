package dev.latchkey.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real server, started in this JVM on a free port with a fresh H2 database in its own temporary
 * directory, and bcrypt at its lowest cost so tests stay fast.
 */
final class TestServer implements AutoCloseable {

    private final Path dataDir;
    private final Main.Running running;
    private final Api api;

    private TestServer(Path dataDir, Main.Running running) {
        this.dataDir = dataDir;
        this.running = running;
        this.api = new Api(running.port());
    }

    static TestServer start() {
        return start(Map.of());
    }

    /** Starts a server; {@code extraEnv} adds to or overrides the test defaults. */
    static TestServer start(Map<String, String> extraEnv) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("latchkey-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(baseEnv(dataDir));
        env.putAll(extraEnv);
        try {
            return new TestServer(dataDir, Main.serve(Config.from(env)));
        } catch (RuntimeException e) {
            deleteRecursively(dataDir);
            throw e;
        }
    }

    static Map<String, String> baseEnv(Path dataDir) {
        return Map.of(
                "AUTH_HOST", "127.0.0.1",
                "AUTH_PORT", "0",
                "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_BCRYPT_COST", "4");
    }

    int port() {
        return running.port();
    }

    Api api() {
        return api;
    }

    /** The running server itself: its parts, for commands run in this process, and its metrics port. */
    Main.Running running() {
        return running;
    }

    void stop() {
        running.stop();
        deleteRecursively(dataDir);
    }

    @Override
    public void close() {
        stop();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
