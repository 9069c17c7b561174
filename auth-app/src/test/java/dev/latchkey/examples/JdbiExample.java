package dev.latchkey.examples;

import dev.latchkey.core.Latchkey;
import dev.latchkey.jdbi.Database;
import dev.latchkey.jdbi.DatabaseSettings;
import dev.latchkey.jdbi.JdbiAuditLog;
import dev.latchkey.jdbi.JdbiSessionRepository;
import dev.latchkey.jdbi.JdbiSigningKeyRepository;
import dev.latchkey.jdbi.JdbiUserRepository;

/** The same program on the JDBI adapter: an H2 database here, PostgreSQL with another URL. */
public final class JdbiExample {

    public static void main(String[] args) {
        try (Database database = Database.open(DatabaseSettings.h2InMemory("example"))) {
            Latchkey latchkey = Latchkey.builder()
                    .users(new JdbiUserRepository(database.jdbi()))
                    .sessions(new JdbiSessionRepository(database.jdbi()))
                    .signingKeys(new JdbiSigningKeyRepository(database.jdbi()))
                    .audit(new JdbiAuditLog(database.jdbi()))
                    .build();
            System.out.println("logged in and out as " + InMemoryExample.walkThrough(latchkey));
        }
    }
}
