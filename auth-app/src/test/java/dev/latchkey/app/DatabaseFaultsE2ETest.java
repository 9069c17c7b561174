package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import dev.latchkey.jdbi.FaultyFilePath;
import dev.latchkey.jdbi.TcpProxy;
import org.h2.tools.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server when its database goes away or its disk fills: 503 with Retry-After for what needs the
 * database, everything else served, the readiness probe 503 and the liveness probe 200 meanwhile,
 * and service back by itself.
 */
class DatabaseFaultsE2ETest {

    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @TempDir
    Path dir;

    @Test
    void aLostDatabaseIsAnsweredAtOnceWith503AndServiceReturnsWithIt() throws Exception {
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        try (TcpProxy proxy = new TcpProxy(h2.getPort());
             TestServer server = TestServer.start(Map.of(
                     "AUTH_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/latchkey" + H2_OPTIONS,
                     "AUTH_DB_USER", "sa"))) {
            Api api = server.api();
            NewUser user = NewUser.unique();
            api.registered(user);
            String access = api.loggedIn(user).access();

            proxy.cut();

            List<Reply> answers = Concurrently.times(64, () -> api.get("/api/users/me/", access));
            assertThat(answers).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.body()).isEqualTo(503);
                assertThat(reply.json().get("code").asText()).isEqualTo("service_unavailable");
                assertThat(reply.header("Retry-After")).isPresent();
            });
            assertThat(api.get("/health").status()).isEqualTo(503);
            assertThat(api.get("/health/ready").status()).isEqualTo(503);
            assertThat(api.get("/health/live").status()).isEqualTo(200);
            assertThat(api.get("/.well-known/jwks.json").status()).isEqualTo(200);
            assertThat(api.get("/docs").status()).isEqualTo(200);

            proxy.restore();

            await("ready again", Duration.ofSeconds(10), () -> api.get("/health/ready").status() == 200);
            assertThat(api.get("/api/users/me/", access).status()).isEqualTo(200);
        } finally {
            h2.stop();
        }
    }

    @Test
    void aFullDiskIsA503NotA500AndWritesReturnWithTheSpace() {
        try (TestServer server = TestServer.start(Map.of("AUTH_DB_URL", FaultyFilePath.url(dir), "AUTH_DB_USER", "sa"))) {
            Api api = server.api();
            List<NewUser> acknowledged = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                NewUser user = NewUser.unique();
                api.registered(user);
                acknowledged.add(user);
            }

            FaultyFilePath.diskFull(true);
            try {
                for (int i = 0; i < 5; i++) {
                    Reply refused = api.register(NewUser.unique());
                    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                    assertThat(refused.header("Retry-After")).isPresent();
                }
                assertThat(api.get("/health").status()).isEqualTo(503);
                assertThat(api.get("/health/live").status()).isEqualTo(200);
            } finally {
                FaultyFilePath.diskFull(false);
            }

            writesAreTakenAgainAndNoAcknowledgedUserIsLost(api, acknowledged);
        }
    }

    /** The real thing where the machine lets a test mount a small tmpfs (as root); skipped elsewhere. */
    @Test
    void aRealFullDiskOnASmallTmpfs() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        String mountOutput = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
        Assumptions.assumeTrue(mountOutput == null, () -> "skipped: cannot mount a tmpfs here: " + mountOutput);
        try (TestServer server = TestServer.start(Map.of("AUTH_DATA_DIR", mount.resolve("data").toString()))) {
            Api api = server.api();
            Path filler = mount.resolve("filler");
            Files.write(filler, new byte[(int) Math.max(0, Files.getFileStore(mount).getUsableSpace() - 256 * 1024)]);
            List<NewUser> acknowledged = new ArrayList<>();
            Reply refused = null;
            for (int i = 0; i < 3_000 && refused == null; i++) {
                NewUser user = NewUser.unique();
                Reply reply = api.register(user);
                assertThat(reply.status()).as(reply.body()).isIn(201, 503);
                if (reply.status() == 201) {
                    acknowledged.add(user);
                } else {
                    refused = reply;
                }
            }
            assertThat(refused).as("the disk never filled").isNotNull();
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(api.get("/health").status()).as("ready while writes fail").isEqualTo(503);
            assertThat(api.get("/health/live").status()).isEqualTo(200);

            Files.delete(filler);

            writesAreTakenAgainAndNoAcknowledgedUserIsLost(api, acknowledged);
        } finally {
            run("umount", mount.toString());
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    /** Once the disk has room again: ready within 15 s, a new account taken, and every acknowledged one logs in. */
    private static void writesAreTakenAgainAndNoAcknowledgedUserIsLost(Api api, List<NewUser> acknowledged) {
        await("writes taken again", Duration.ofSeconds(15), () -> api.get("/health").status() == 200);
        NewUser after = NewUser.unique();
        api.registered(after);
        for (NewUser user : acknowledged) {
            api.loggedIn(user);
        }
        api.loggedIn(after);
    }

    private static String run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            return process.waitFor() == 0 ? null : output.isBlank() ? "exit " + process.exitValue() : output.strip();
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    @Test
    void aStoppingServerIsNoLongerReadyButStillAlive() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.api().get("/health/ready").status()).isEqualTo(200);

            server.running().wiring().drain();

            assertThat(server.api().get("/health/ready").status()).isEqualTo(503);
            assertThat(server.api().get("/health").status()).isEqualTo(503);
            assertThat(server.api().get("/health/live").status()).isEqualTo(200);
        }
    }

    static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within %s: %s", limit, what).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
