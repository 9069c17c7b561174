package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.Fixtures;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL behind a proxy the test cuts: refused with Unavailable while cut, back by itself after. */
class PostgresLossTest {

    @Test
    void aLostPostgresIsUnavailableAndReturnsByItself() throws Exception {
        DatabaseSettings direct = PostgresTestDatabase.create();
        URI server = URI.create(direct.url().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getPort());
             Database database = Database.open(new DatabaseSettings(
                     "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath(),
                     direct.user(), direct.password(), 4))) {
            JdbiUserRepository users = new JdbiUserRepository(database.jdbi());
            User user = Fixtures.user("kept");
            users.add(user);

            proxy.cut();

            assertThatThrownBy(() -> users.findById(user.id())).isInstanceOf(AuthFailure.Unavailable.class);
            assertThat(database.isAvailable()).isFalse();
            assertThatThrownBy(() -> users.add(Fixtures.user("refused"))).isInstanceOf(AuthFailure.Unavailable.class);

            proxy.restore();

            Await.until("PostgreSQL taken back", Duration.ofSeconds(10), database::isAvailable);
            assertThat(users.findById(user.id())).contains(user);
        }
    }
}
