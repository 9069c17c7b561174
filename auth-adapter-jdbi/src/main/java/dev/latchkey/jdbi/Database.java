package dev.latchkey.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection pool and schema: opening it migrates the database with Flyway, so every instance
 * that starts finds the schema it expects. Close it to release the pool.
 */
public final class Database implements AutoCloseable {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
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
        return new Database(dataSource);
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
        dataSource.close();
    }
}
