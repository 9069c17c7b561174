package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An H2 store whose writes fail (a full disk) answers Unavailable, says so, loses nothing it
 * acknowledged, and takes writes again by itself once they succeed.
 */
class FullDiskTest {

    @AfterEach
    void spaceReturns() {
        FaultyFilePath.full = false;
    }

    @Test
    void aFullDiskIsUnavailableUntilSpaceReturnsAndNothingAcknowledgedIsLost(@TempDir Path dir) {
        DatabaseSettings settings = FaultyFilePath.settings(dir);
        List<User> acknowledged = new ArrayList<>();
        try (Database database = Database.open(settings)) {
            JdbiUserRepository users = new JdbiUserRepository(database.jdbi());
            for (int i = 0; i < 5; i++) {
                User user = Fixtures.user("before" + i);
                users.add(user);
                acknowledged.add(user);
            }

            FaultyFilePath.full = true;

            assertThatThrownBy(() -> users.add(Fixtures.user("refused")))
                    .isInstanceOfSatisfying(AuthFailure.Unavailable.class,
                            u -> assertThat(u.retryAfter()).isPositive());
            assertThat(database.isAvailable()).isFalse();
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> users.add(Fixtures.user("refused-too"))).isInstanceOf(AuthFailure.Unavailable.class);
            }
            assertThat(database.isAvailable()).as("the probe's writes fail too").isFalse();

            FaultyFilePath.full = false;

            Await.until("writes taken again", Duration.ofSeconds(15), database::isAvailable);
            User after = Fixtures.user("after");
            users.add(after);
            acknowledged.add(after);
        }
        try (Database reopened = Database.open(settings)) {
            JdbiUserRepository users = new JdbiUserRepository(reopened.jdbi());
            for (User user : acknowledged) {
                assertThat(users.findById(user.id())).as(user.username().value()).contains(user);
            }
        }
    }
}
