package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.Fixtures;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database server that goes away (an H2 TCP server behind a proxy the test cuts): calls are
 * refused with Unavailable, later ones without waiting for a connection, and service returns by
 * itself when the server does.
 */
class DatabaseLossTest {

    @TempDir
    Path dir;
    private Server h2;
    private TcpProxy proxy;
    private Database database;

    @BeforeEach
    void start() throws Exception {
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        proxy = new TcpProxy(h2.getPort());
        database = Database.open(new DatabaseSettings(
                "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/latchkey" + DatabaseSettings.H2_OPTIONS, "sa", "", 4));
    }

    @AfterEach
    void stop() throws Exception {
        database.close();
        proxy.close();
        h2.stop();
    }

    @Test
    void aLostDatabaseIsUnavailableAtOnceAndReturnsByItself() throws Exception {
        JdbiUserRepository users = new JdbiUserRepository(database.jdbi());
        User user = Fixtures.user("kept");
        users.add(user);

        proxy.cut();

        assertThatThrownBy(() -> users.findById(user.id()))
                .isInstanceOfSatisfying(AuthFailure.Unavailable.class, u -> assertThat(u.retryAfter()).isPositive());
        assertThat(database.isAvailable()).isFalse();
        assertThat(refusalsOf(64, () -> users.findById(user.id()))).as("every concurrent call refused").isEqualTo(64);

        proxy.restore();

        Await.until("the database taken back", Duration.ofSeconds(10), database::isAvailable);
        assertThat(users.findById(user.id())).contains(user);
    }

    @Test
    void aDatabaseLostBetweenRequestsIsNoticedWithoutOne() {
        proxy.cut();

        Await.until("the loss noticed by the watch", Duration.ofSeconds(10), () -> !database.isAvailable());
    }

    @Test
    void aRefusedStatementIsNotAnOutage() {
        assertThatThrownBy(() -> database.jdbi().getConfig(DatabaseGuard.class)
                .read(database.jdbi(), h -> h.createQuery("SELECT nope FROM nowhere").mapTo(Integer.class).one()))
                .isNotInstanceOf(AuthFailure.class);
        assertThat(database.isAvailable()).isTrue();
    }

    private static int refusalsOf(int callers, Callable<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    try {
                        call.call();
                        return false;
                    } catch (AuthFailure.Unavailable refused) {
                        return true;
                    }
                }));
            }
            int refused = 0;
            for (Future<Boolean> answer : answers) {
                refused += answer.get() ? 1 : 0;
            }
            return refused;
        } finally {
            pool.shutdownNow();
        }
    }
}
