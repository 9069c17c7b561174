package dev.latchkey.examples;

import dev.latchkey.jdbi.Database;
import dev.latchkey.jdbi.DatabaseSettings;
import dev.latchkey.jdbi.JdbiSessionRepository;
import dev.latchkey.jdbi.JdbiSigningKeyRepository;
import dev.latchkey.jdbi.JdbiUserRepository;

/** The same program on the JDBI adapter: an H2 database here, PostgreSQL with another URL. */
public final class JdbiExample {

    public static void main(String[] args) {
        try (Database database = Database.open(DatabaseSettings.h2InMemory("example"))) {
            var latchkey = InMemoryExample.Latchkey.on(new JdbiUserRepository(database.jdbi()),
                    new JdbiSessionRepository(database.jdbi()), new JdbiSigningKeyRepository(database.jdbi()));
            System.out.println("logged in and out as " + latchkey.walkThrough());
        }
    }
}
