package dev.latchkey.core.port;

import dev.latchkey.core.domain.EmailAddress;
import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Small builders for the port contracts; each call makes fresh, unique values. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Fixtures() {
    }

    public static User user(String username) {
        return new User(UUID.randomUUID().toString(), new Username(username),
                new EmailAddress(username.toLowerCase(java.util.Locale.ROOT) + "@example.com"),
                "$2a$04$hashhashhashhashhashhuOmN7xJ8y6Q5oV7M0JvOe1qfYhS3V5Ju", true, T0, null);
    }

    public static User user(String username, String email) {
        return new User(UUID.randomUUID().toString(), new Username(username), new EmailAddress(email),
                "$2a$04$hashhashhashhashhashhuOmN7xJ8y6Q5oV7M0JvOe1qfYhS3V5Ju", true, T0, null);
    }

    public static Session session(User user, Instant createdAt) {
        return new Session(UUID.randomUUID().toString(), user.id(), UUID.randomUUID().toString(),
                createdAt, createdAt, createdAt.plus(Duration.ofDays(7)), createdAt.plus(Duration.ofDays(30)),
                "curl/8.5", "192.0.2.10", null, null);
    }
}
