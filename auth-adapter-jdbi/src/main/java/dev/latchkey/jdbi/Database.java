package dev.latchkey.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The connection pool and schema: opening it migrates the database with Flyway, so every instance
 * that starts finds the schema it expects. Close it to release the pool.
 *
 * <p>An H2 file database is also synced to the disk every second ({@code CHECKPOINT SYNC}): every
 * commit is written to the file before it returns, but only the operating system decides when the
 * file reaches the disk. The sync bounds what a power loss can take to the last second, and it is
 * what makes H2's short {@code RETENTION_TIME} safe ({@link DatabaseSettings#H2_OPTIONS}).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    private static final Duration H2_SYNC_INTERVAL = Duration.ofSeconds(1);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Optional<ScheduledExecutorService> h2Sync;
    private volatile boolean syncFailing;

    private Database(HikariDataSource dataSource, boolean h2File) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        this.h2Sync = h2File ? Optional.of(startSyncing()) : Optional.empty();
    }

    /** Opens the pool and migrates the schema; a database another instance is migrating is waited for. */
    public static Database open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setPoolName("latchkey");
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, isH2File(settings.url()));
    }

    /** An H2 database kept in a file (not {@code jdbc:h2:mem:}). */
    static boolean isH2File(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    private ScheduledExecutorService startSyncing() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "latchkey-h2-sync");
            thread.setDaemon(true);
            return thread;
        });
        long millis = H2_SYNC_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(() -> syncQuietly(), millis, millis, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /**
     * Forces H2's file to the disk, and says whether it did. A failure is tried again at the next
     * interval; it is logged when syncing starts failing and when it works again, not every second.
     */
    boolean syncQuietly() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
            if (syncFailing) {
                syncFailing = false;
                LOG.info("the H2 database file is synced to disk again");
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            if (!dataSource.isClosed() && !syncFailing) {
                syncFailing = true;
                LOG.warn("could not sync the H2 database file to disk (tried again every second): {}", e.getMessage());
            }
            return false;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether a connection can be had and answers within two seconds; for health checks. */
    public boolean isReachable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Connections in use and waiting threads, for metrics. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        h2Sync.ifPresent(ScheduledExecutorService::shutdownNow);
        dataSource.close();
    }
}
