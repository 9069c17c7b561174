package dev.latchkey.jdbi;

import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** On H2, a write returns only after the file has been synced to the disk with it in. */
class DurableWritesTest {

    @Test
    void everyAnsweredWriteHasBeenSyncedToTheDisk(@TempDir Path dir) {
        try (Database database = Database.open(FaultyFilePath.settings(dir))) {
            JdbiUserRepository users = new JdbiUserRepository(database.jdbi());
            JdbiSessionRepository sessions = new JdbiSessionRepository(database.jdbi());
            for (int i = 0; i < 20; i++) {
                User user = Fixtures.user("durable" + i);
                long syncsBefore = FaultyFilePath.SYNCS.get();

                users.add(user);

                assertThat(FaultyFilePath.SYNCS.get()).as("syncs during write %d", i).isGreaterThan(syncsBefore);
                assertThat(FaultyFilePath.UNSYNCED_BYTES.get()).as("bytes left unsynced after write %d", i).isZero();

                Session session = Fixtures.session(user, Fixtures.T0);
                syncsBefore = FaultyFilePath.SYNCS.get();
                sessions.add(session);
                sessions.end(session.id(), Instant.now(), EndReason.LOGOUT);
                assertThat(FaultyFilePath.SYNCS.get() - syncsBefore).as("one sync per write at least").isGreaterThanOrEqualTo(2);
                assertThat(FaultyFilePath.UNSYNCED_BYTES.get()).isZero();
            }
        }
    }

    @Test
    void readsDoNotWaitForASync(@TempDir Path dir) {
        try (Database database = Database.open(FaultyFilePath.settings(dir))) {
            JdbiUserRepository users = new JdbiUserRepository(database.jdbi());
            User user = Fixtures.user("reader");
            users.add(user);
            long syncsBefore = FaultyFilePath.SYNCS.get();

            for (int i = 0; i < 20; i++) {
                assertThat(users.findById(user.id())).isPresent();
            }

            assertThat(FaultyFilePath.SYNCS.get() - syncsBefore).as("syncs while only reading").isZero();
        }
    }
}
