package dev.latchkey.jdbi;

import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.latchkey.core.port.Fixtures.T0;
import static dev.latchkey.core.port.Fixtures.session;
import static dev.latchkey.core.port.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Ending a session on PostgreSQL is heard by every listener on the database, also after its connection was killed. */
class PostgresSessionEndListenerTest {

    private static final long BOUND_SECONDS = 10;

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final AtomicInteger reconnections = new AtomicInteger();
    private DatabaseSettings settings;
    private Database database;
    private JdbiSessionRepository sessions;
    private PostgresSessionEndListener listener;
    private User owner;

    @BeforeEach
    void setUp() {
        settings = PostgresTestDatabase.create();
        database = Database.open(settings);
        sessions = new JdbiSessionRepository(database.jdbi());
        JdbiUserRepository users = new JdbiUserRepository(database.jdbi());
        owner = user("owner");
        users.add(owner);
        listener = PostgresSessionEndListener.start(settings, heard::add, reconnections::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        if (listener != null) {
            listener.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private Session added() {
        Session s = session(owner, T0);
        sessions.add(s);
        return s;
    }

    private String nextHeard() throws InterruptedException {
        return heard.poll(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void anEndedSessionIsHeard() throws Exception {
        Session s = added();

        sessions.end(s.id(), T0.plusSeconds(1), EndReason.LOGOUT);

        assertThat(nextHeard()).isEqualTo(s.id());
    }

    @Test
    void everySessionEndedAtOnceIsHeard() throws Exception {
        Session a = added();
        Session b = added();

        sessions.endAllOfUser(owner.id(), null, T0.plusSeconds(1), EndReason.LOGOUT_ALL);

        List<String> ids = new ArrayList<>(List.of(nextHeard(), nextHeard()));
        assertThat(ids).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    void aSessionThatWasAlreadyEndedIsNotAnnouncedAgain() throws Exception {
        Session s = added();
        Session marker = added();
        sessions.end(s.id(), T0.plusSeconds(1), EndReason.LOGOUT);
        assertThat(nextHeard()).isEqualTo(s.id());

        sessions.end(s.id(), T0.plusSeconds(2), EndReason.LOGOUT);
        sessions.end(marker.id(), T0.plusSeconds(3), EndReason.LOGOUT);

        // Notices arrive in commit order: the marker comes next only if the second end said nothing.
        assertThat(nextHeard()).isEqualTo(marker.id());
    }

    @Test
    void afterItsConnectionIsKilledTheListenerReconnectsAndHearsAgain() throws Exception {
        assertThat(listener.connections()).isEqualTo(1);

        int killed = database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                         WHERE application_name = :name AND datname = current_database()""")
                .bind("name", PostgresSessionEndListener.APPLICATION_NAME)
                .mapTo(Integer.class)
                .one());
        assertThat(killed).isEqualTo(1);
        awaitTrue(() -> listener.connections() == 2);
        assertThat(reconnections.get()).isEqualTo(1);

        Session s = added();
        sessions.end(s.id(), T0.plusSeconds(1), EndReason.ENDED_BY_USER);

        assertThat(nextHeard()).isEqualTo(s.id());
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(BOUND_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within %d s", BOUND_SECONDS).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
