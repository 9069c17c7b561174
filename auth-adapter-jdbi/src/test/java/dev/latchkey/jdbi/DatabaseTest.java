package dev.latchkey.jdbi;

import dev.latchkey.core.port.Fixtures;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @Test
    void openingAMigratedDatabaseAgainKeepsItsData(@TempDir Path dir) {
        User user = Fixtures.user("durable");
        try (Database first = Database.open(DatabaseSettings.h2File(dir))) {
            new JdbiUserRepository(first.jdbi()).add(user);
        }
        try (Database second = Database.open(DatabaseSettings.h2File(dir))) {
            assertThat(new JdbiUserRepository(second.jdbi()).findById(user.id())).contains(user);
        }
    }

    @Test
    void h2FileUrlWritesEveryCommitAtOnce(@TempDir Path dir) {
        assertThat(DatabaseSettings.h2File(dir).url()).contains(";WRITE_DELAY=0");
    }

    @Test
    void h2FileUrlLeavesClosingTheDatabaseToItsOwner(@TempDir Path dir) {
        assertThat(DatabaseSettings.h2File(dir).url()).contains(";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void anH2FileKeepsReplacedChunksForFiveSecondsOnly(@TempDir Path dir) {
        try (Database database = Database.open(DatabaseSettings.h2File(dir))) {
            String retention = database.jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'RETENTION_TIME'")
                    .mapTo(String.class).one());

            assertThat(retention).isEqualTo("5000");
        }
    }

    @Test
    void onlyH2DatabasesInFilesAreSynced() {
        assertThat(Database.isH2File("jdbc:h2:file:/var/lib/latchkey/latchkey;WRITE_DELAY=0")).isTrue();
        assertThat(Database.isH2File("jdbc:h2:tcp://db.internal/latchkey")).isTrue();
        assertThat(Database.isH2File("jdbc:h2:mem:test")).isFalse();
        assertThat(Database.isH2File("jdbc:postgresql://127.0.0.1/latchkey")).isFalse();
    }

    @Test
    void availableWhileOpenAndNotAfterClose() {
        Database database = TestDatabases.h2();
        assertThat(database.isAvailable()).isTrue();

        database.close();

        assertThat(database.isAvailable()).isFalse();
    }

    @Test
    void twoInstancesStartingTogetherOnAnEmptyPostgresDatabaseBothComeUp() throws Exception {
        DatabaseSettings settings = PostgresTestDatabase.create();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Database> opened = new ArrayList<>();
        try {
            List<Future<Database>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Database> open = () -> {
                    start.await();
                    return Database.open(settings);
                };
                results.add(pool.submit(open));
            }
            start.countDown();
            for (Future<Database> result : results) {
                opened.add(result.get());
            }
            Integer migrations = opened.get(0).jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                    .mapTo(Integer.class).one());
            assertThat(migrations).isEqualTo(migrationFiles());
            User user = Fixtures.user("together");
            new JdbiUserRepository(opened.get(0).jdbi()).add(user);
            assertThat(new JdbiUserRepository(opened.get(1).jdbi()).findById(user.id())).isPresent();
        } finally {
            opened.forEach(Database::close);
            pool.shutdownNow();
        }
    }

    /** How many migrations ship, so that each is counted as applied exactly once. */
    private static int migrationFiles() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src", "main", "resources", "db", "migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
