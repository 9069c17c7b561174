package dev.latchkey.core.port;

import dev.latchkey.core.domain.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.latchkey.core.port.Fixtures.T0;
import static dev.latchkey.core.port.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every {@link UserRepository} keeps; each adapter's test extends this once. */
public abstract class UserRepositoryContract {

    protected UserRepository users;

    /** A repository over empty storage. */
    protected abstract UserRepository newRepository();

    @BeforeEach
    void setUp() {
        users = newRepository();
    }

    @Test
    void addedUserIsFoundByIdUsernameKeyAndEmailKey() {
        User alice = user("Alice");
        users.add(alice);

        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(users.findByUsernameKey("alice")).contains(alice);
        assertThat(users.findByEmailKey("alice@example.com")).contains(alice);
    }

    @Test
    void unknownUserIsAbsent() {
        assertThat(users.findById("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(users.findByUsernameKey("nobody")).isEmpty();
        assertThat(users.findByEmailKey("nobody@example.com")).isEmpty();
    }

    @Test
    void usernameKeyIsUniqueWithoutRegardToCase() {
        users.add(user("Alice", "one@example.com"));

        assertThatThrownBy(() -> users.add(user("aLiCe", "two@example.com")))
                .isInstanceOfSatisfying(UserRepository.DuplicateUser.class,
                        e -> assertThat(e.field()).isEqualTo("username"));
    }

    @Test
    void emailKeyIsUniqueWithoutRegardToCase() {
        users.add(user("first", "Same@Example.com"));

        assertThatThrownBy(() -> users.add(user("second", "same@EXAMPLE.com")))
                .isInstanceOfSatisfying(UserRepository.DuplicateUser.class,
                        e -> assertThat(e.field()).isEqualTo("email"));
    }

    @Test
    void rejectedDuplicateLeavesNothingBehind() {
        users.add(user("taken", "taken@example.com"));

        User late = user("TAKEN", "other@example.com");
        assertThatThrownBy(() -> users.add(late)).isInstanceOf(UserRepository.DuplicateUser.class);

        assertThat(users.findById(late.id())).isEmpty();
        assertThat(users.findByEmailKey("other@example.com")).isEmpty();
    }

    @Test
    void usernameIsShownAsTyped() {
        users.add(user("MixedCase"));

        assertThat(users.findByUsernameKey("mixedcase")).get()
                .extracting(u -> u.username().value()).isEqualTo("MixedCase");
    }

    @Test
    void recordLoginSetsLastLogin() {
        User bob = user("bob");
        users.add(bob);

        users.recordLogin(bob.id(), T0.plusSeconds(60));

        assertThat(users.findById(bob.id())).get().extracting(User::lastLogin).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void updatePasswordHashReplacesTheHash() {
        User carol = user("carol");
        users.add(carol);

        users.updatePasswordHash(carol.id(), "$2a$12$anotheranotheranotheranotherOmN7xJ8y6Q5oV7M0JvOe1qfYh");

        assertThat(users.findById(carol.id())).get().extracting(User::passwordHash)
                .isEqualTo("$2a$12$anotheranotheranotheranotherOmN7xJ8y6Q5oV7M0JvOe1qfYh");
    }

    @Test
    void setActiveDeactivatesAndReportsUnknownUsers() {
        User dave = user("dave");
        users.add(dave);

        assertThat(users.setActive(dave.id(), false)).isTrue();
        assertThat(users.findById(dave.id())).get().extracting(User::active).isEqualTo(false);
        assertThat(users.setActive("00000000-0000-0000-0000-000000000000", false)).isFalse();
    }

    @Test
    void addressIsUnverifiedUntilMarkedVerified() {
        User erin = user("erin");
        users.add(erin);
        assertThat(users.findById(erin.id())).get().extracting(User::emailVerified).isEqualTo(false);

        assertThat(users.markEmailVerified(erin.id())).isTrue();

        assertThat(users.findById(erin.id())).get().extracting(User::emailVerified).isEqualTo(true);
        assertThat(users.markEmailVerified("00000000-0000-0000-0000-000000000000")).isFalse();
    }

    @Test
    void concurrentAddsOfOneUsernameLetExactlyOneIn() throws Exception {
        List<Boolean> added = Simultaneously.run(8, i -> {
            User candidate = user("Racer", "racer" + i + "@example.com");
            return () -> {
                try {
                    users.add(candidate);
                    return true;
                } catch (UserRepository.DuplicateUser e) {
                    return false;
                }
            };
        });

        assertThat(added).filteredOn(won -> won).hasSize(1);
    }
}
