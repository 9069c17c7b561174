package dev.latchkey.jdbi;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Hears, on one dedicated PostgreSQL connection, the sessions that any instance sharing the database
 * ended ({@code LISTEN} on {@link #CHANNEL}; {@link JdbiSessionRepository} sends the notices), and hands
 * each session id to {@code onEnded}, e.g. to drop it from a session cache.
 *
 * <p>When the connection drops it is opened again with a growing pause (at most {@link #LONGEST_PAUSE});
 * the loss is logged once per episode, and so is the return. Notices sent meanwhile are lost, so after
 * reconnecting {@code onReconnected} runs: a cache should forget everything then. Until then, a cache's
 * own time-to-live is what bounds how long an ended session is still accepted.
 */
public final class PostgresSessionEndListener implements AutoCloseable {

    /** The notification channel; the payload is the id of the session that ended. */
    public static final String CHANNEL = "latchkey_session_ended";
    /** The connection's {@code application_name}, so that operators can tell it in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "latchkey-session-listener";

    private static final Logger log = LoggerFactory.getLogger(PostgresSessionEndListener.class);
    private static final int WAIT_MILLIS = 250;
    /** An idle connection is checked this often, so that a silently dead one is noticed. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final DatabaseSettings settings;
    private final Consumer<String> onEnded;
    private final Runnable onReconnected;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile int connections;

    /**
     * Opens the connection and starts listening before it returns, so that a session ended anywhere
     * after start-up is heard; if the database cannot be reached now, keeps trying in the background.
     */
    public static PostgresSessionEndListener start(DatabaseSettings settings, Consumer<String> onEnded,
                                                   Runnable onReconnected) {
        if (!settings.isPostgres()) {
            throw new IllegalArgumentException("session-end notices need PostgreSQL");
        }
        PostgresSessionEndListener listener = new PostgresSessionEndListener(settings, onEnded, onReconnected);
        try {
            listener.connect();
        } catch (SQLException e) {
            log.warn("session-end notices not heard yet (cannot listen: {}); ended sessions reach this "
                    + "instance through its session cache's time-to-live until they are", e.getMessage());
        }
        listener.thread.start();
        return listener;
    }

    private PostgresSessionEndListener(DatabaseSettings settings, Consumer<String> onEnded, Runnable onReconnected) {
        this.settings = settings;
        this.onEnded = onEnded;
        this.onReconnected = onReconnected;
        this.thread = new Thread(this::run, "session-end-listener");
        this.thread.setDaemon(true);
    }

    /** How many times a listening connection has been opened, the first included. */
    public int connections() {
        return connections;
    }

    private void connect() throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(settings.url(), properties);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        connection = c;
        connections++;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        boolean lost = connection == null;
        long lostSince = System.nanoTime();
        while (running) {
            try {
                if (connection == null) {
                    connect();
                    // Notices sent while nobody listened are lost: whatever is remembered may be stale.
                    onReconnected.run();
                    if (lost) {
                        log.info("session-end notices heard again after {} ms",
                                Duration.ofNanos(System.nanoTime() - lostSince).toMillis());
                    }
                    lost = false;
                    pause = FIRST_PAUSE;
                }
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                closeQuietly(connection);
                connection = null;
                if (!lost) {
                    lost = true;
                    lostSince = System.nanoTime();
                    log.warn("session-end notices lost ({}); reconnecting, and until then ended sessions reach "
                            + "this instance through its session cache's time-to-live", e.getMessage());
                } else {
                    log.debug("session-end listener still cannot connect: {}", e.getMessage());
                }
                pause(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
        closeQuietly(connection);
    }

    /** Hands on notices until the connection fails or the listener is closed. */
    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
            if (notices != null && notices.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notice : notices) {
                    if (CHANNEL.equals(notice.getName())) {
                        onEnded.accept(notice.getParameter());
                    }
                }
            } else if (System.nanoTime() - lastHeard > HEARTBEAT.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout((int) HEARTBEAT.toSeconds());
                    s.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // Already broken; nothing more to release.
        }
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
    }
}
