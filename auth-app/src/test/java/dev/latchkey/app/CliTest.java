package dev.latchkey.app;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.jdbi.Database;
import dev.latchkey.jdbi.JdbiAuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: usage, exit statuses, settings; and the commands that need no server. */
class CliTest {

    @TempDir
    Path dataDir;

    private CliRunner cli(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(TestServer.baseEnv(dataDir));
        env.putAll(extraEnv);
        return CliRunner.withSettings(env);
    }

    private CliRunner cli() {
        return cli(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "migrate", "create-user", "deactivate-user", "rotate-keys", "purge"})
    void everyCommandExplainsItselfWithHelpAndExitsZero(String command) {
        CliRunner.Result result = cli(Map.of("AUTH_PORT", "not-read-for-help")).run(command, "--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("Usage: auth-app.jar " + command);
    }

    @Test
    void helpListsEveryCommand() {
        CliRunner.Result result = cli().run("--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("serve", "migrate", "create-user", "deactivate-user", "rotate-keys", "purge");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(cli().run("frobnicate").status()).isEqualTo(2);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(cli().run("purge", "--everything").status()).isEqualTo(2);
    }

    @Test
    void deactivateUserWithoutAUserIsAUsageError() {
        CliRunner.Result result = cli().run("deactivate-user");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--username", "--id");
    }

    @Test
    void deactivateUserWithBothUsernameAndIdIsAUsageError() {
        assertThat(cli().run("deactivate-user", "--username", "alice", "--id", "x").status()).isEqualTo(2);
    }

    @Test
    void badSettingExitsWithStatus2AndOneLineNamingTheVariable() {
        CliRunner.Result result = cli(Map.of("AUTH_AUDIT_RETENTION", "forever")).run("migrate");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().lines().toList()).singleElement().asString().startsWith("AUTH_AUDIT_RETENTION");
    }

    @Test
    void noCommandMeansServeAndABadSettingStopsItTheSameWay() {
        CliRunner.Result result = cli(Map.of("AUTH_PORT", "abc")).run();

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().lines().toList()).singleElement().asString().startsWith("AUTH_PORT");
    }

    @Test
    void migrateMigratesAFreshDatabaseAndExitsZero() {
        CliRunner.Result result = cli().run("migrate");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("Database is migrated.");
    }

    @Test
    void rotateKeysMakesANewKeyCurrentAndRecordsIt() {
        cli().run("migrate");

        CliRunner.Result result = cli().run("rotate-keys");

        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("New signing key ");
        try (Database database = Database.open(Wiring.databaseSettings(Config.from(TestServer.baseEnv(dataDir))))) {
            Integer rotations = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM audit_events WHERE type = 'KEY_ROTATED'").mapTo(Integer.class).one());
            assertThat(rotations).isEqualTo(1);
        }
    }

    @Test
    void rotateKeysWithASharedSecretFailsAndSaysWhatToDoInstead() {
        CliRunner.Result result = cli(Map.of("AUTH_JWT_ALG", "HS256", "AUTH_JWT_SECRET", "s".repeat(32))).run("rotate-keys");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("AUTH_JWT_SECRET").doesNotContain("s".repeat(32));
    }

    @Test
    void purgeDeletesAuditEventsOlderThanTheRetentionAndKeepsTheRest() {
        cli().run("migrate");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AuditEvent old = new AuditEvent(now.minus(Duration.ofDays(31)), AuditEvent.Type.LOGIN_OK, "u1", null, null, null, null);
        AuditEvent recent = new AuditEvent(now.minus(Duration.ofDays(29)), AuditEvent.Type.LOGIN_OK, "u1", null, null, null, null);
        try (Database database = Database.open(Wiring.databaseSettings(Config.from(TestServer.baseEnv(dataDir))))) {
            JdbiAuditLog audit = new JdbiAuditLog(database.jdbi());
            audit.record(old);
            audit.record(recent);
        }

        CliRunner.Result result = cli(Map.of("AUTH_AUDIT_RETENTION", "P30D")).run("purge");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("1 audit event(s)");
        try (Database database = Database.open(Wiring.databaseSettings(Config.from(TestServer.baseEnv(dataDir))))) {
            assertThat(new JdbiAuditLog(database.jdbi()).findByUser("u1", 10)).containsExactly(recent);
        }
    }
}
