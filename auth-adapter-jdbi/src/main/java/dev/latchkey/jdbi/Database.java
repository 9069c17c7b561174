package dev.latchkey.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The connection pool and schema: opening it migrates the database with Flyway, so every instance
 * that starts finds the schema it expects. Close it to release the pool.
 *
 * <p>It also watches the database. A lost connection or failing storage opens a
 * {@link CircuitBreaker}: requests are refused at once with {@code Unavailable}, and a probe on a
 * background thread closes it when the database answers again (on H2, when a write reaches the disk
 * again: the pool's connections are replaced, which reopens a store that failed, e.g. on a full disk).
 * While closed, the same thread checks a connection every second, so a database that goes away
 * between requests is noticed too.
 *
 * <p>An H2 file database leaves syncing its file to the caller: every write through
 * {@link DatabaseGuard} waits for a {@code CHECKPOINT SYNC} begun after its commit ({@link GroupSync}),
 * so an answered write survives a power loss. PostgreSQL syncs at commit itself.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** How long a request waits for a connection before it is answered 503. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final CircuitBreaker breaker = new CircuitBreaker();
    private final Optional<GroupSync> groupSync;
    private final ScheduledExecutorService watch;
    /** The connection that syncs H2's file, outside the pool; used by one sync at a time. */
    private Connection syncConnection;
    private long lastCheck = System.nanoTime();
    private volatile boolean closed;

    private Database(DatabaseSettings settings, HikariDataSource dataSource, Jdbi jdbi) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.groupSync = isH2File(settings.url()) ? Optional.of(new GroupSync(this::syncH2File)) : Optional.empty();
        DatabaseGuard.of(jdbi).install(breaker, groupSync.orElse(null));
        this.watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "latchkey-db-watch");
            thread.setDaemon(true);
            return thread;
        });
        long millis = PROBE_INTERVAL.toMillis();
        watch.scheduleWithFixedDelay(this::watchQuietly, millis, millis, TimeUnit.MILLISECONDS);
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
        // A request waits at most this long for a connection: when the database has just gone, the
        // requests already waiting are answered 503 after it, and later ones at once (the breaker).
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(CONNECTION_TIMEOUT.toMillis() / 2);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        // JDBI is made, and its first statement run, on another thread while Flyway migrates.
        CompletableFuture<Jdbi> jdbi = CompletableFuture.supplyAsync(() -> warmJdbi(dataSource));
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + Migrations.LOCATION)
                    .resourceProvider(new Migrations())
                    .javaMigrationClassProvider(List::of)
                    .callbackLocations(new String[0])
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(settings, dataSource, jdbi.join());
    }

    /**
     * JDBI over the pool, its first statement run: that loads its SQL parser and statement machinery.
     * The statement reads no table; whether it succeeds does not matter (a database that fails it
     * fails the first real request too).
     */
    private static Jdbi warmJdbi(HikariDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        try {
            jdbi.withHandle(handle -> handle.createQuery("SELECT 1 + :one").bind("one", 0).mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            LOG.debug("JDBI's first statement failed", e);
        }
        return jdbi;
    }

    /** An H2 database kept in a file (not {@code jdbc:h2:mem:}). */
    static boolean isH2File(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    /** Forces H2's file to the disk on a connection of its own, opened again after a failure. */
    private void syncH2File() throws SQLException {
        try {
            if (syncConnection == null) {
                syncConnection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
            }
            try (Statement statement = syncConnection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        } catch (SQLException | RuntimeException e) {
            closeSyncConnection();
            throw e;
        }
    }

    private void closeSyncConnection() {
        if (syncConnection != null) {
            try {
                syncConnection.close();
            } catch (SQLException | RuntimeException ignored) {
                // it failed already; a new one is opened for the next sync
            }
            syncConnection = null;
        }
    }

    private void watchQuietly() {
        try {
            if (breaker.isClosed()) {
                if (System.nanoTime() - lastCheck >= CHECK_INTERVAL.toNanos()) {
                    lastCheck = System.nanoTime();
                    check();
                }
            } else if (probe()) {
                breaker.reset();
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.debug("database watch failed", e);
            }
        }
    }

    /** While closed: a connection that does not answer opens the breaker. */
    private void check() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                breaker.trip(new SQLException("a connection did not answer its validation", "08006"));
            }
        } catch (SQLException e) {
            if (!closed && Outages.isOutage(e)) {
                breaker.trip(e);
            }
        }
    }

    /**
     * While open: whether the database answers again, and on H2 takes a write to the disk. The pool's
     * connections are replaced first, so that an H2 store that failed is opened afresh.
     */
    private boolean probe() {
        if (closed) {
            return false;
        }
        if (groupSync.isPresent()) {
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return false;
            }
            if (groupSync.isPresent()) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE write_probe SET probed_at = CURRENT_TIMESTAMP WHERE id = 1");
                }
                groupSync.get().awaitSynced();
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Whether the database is taking requests, as last seen: false from the first lost connection or
     * failed write until the probe finds it answering (and, on H2, writing) again. Costs nothing.
     */
    public boolean isAvailable() {
        return !closed && breaker.isClosed();
    }

    /** Connections in use and waiting threads, for metrics. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        closed = true;
        watch.shutdownNow();
        try {
            watch.awaitTermination(CONNECTION_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSyncConnection();
        dataSource.close();
    }
}
