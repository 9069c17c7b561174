package dev.latchkey.app;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.jdbi.JdbiAuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code create-user}, run in the process of a running server on H2. */
class CreateUserCommandTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.stop();
    }

    private CliRunner.Result createUser(NewUser user, String stdin) {
        return CliRunner.on(server).stdin(stdin)
                .run("create-user", "--username", user.username(), "--email", user.email(), "--password-stdin");
    }

    @Test
    void userCreatedWithThePasswordOnStandardInputCanLogIn() {
        NewUser user = NewUser.unique();

        CliRunner.Result result = createUser(user, user.password() + "\n");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("Created user " + user.username());
        assertThat(server.api().logIn(user).status()).isEqualTo(200);
    }

    @Test
    void passwordIsTheWholeFirstLineSpacesIncluded() {
        NewUser user = NewUser.unique().withPassword("  spaced out lantern  ");

        assertThat(createUser(user, user.password() + "\r\nignored\n").status()).isZero();

        assertThat(server.api().logIn(user).status()).isEqualTo(200);
    }

    @Test
    void passwordBreakingARegistrationRuleIsRefusedWithStatus1AndTheRule() {
        NewUser user = NewUser.unique().withPassword("password");

        CliRunner.Result result = createUser(user, "password\n");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("password: ");
        assertThat(server.api().logIn(user).status()).isEqualTo(401);
    }

    @Test
    void takenUsernameIsRefusedAsRegistrationRefusesIt() {
        NewUser taken = NewUser.unique();
        server.api().registered(taken);

        CliRunner.Result result = createUser(taken.withEmail("other." + taken.email()), taken.password() + "\n");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("username: A user with that username already exists.");
    }

    @Test
    void emptyStandardInputIsAMissingPassword() {
        CliRunner.Result result = createUser(NewUser.unique(), "");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("password: This field is required.");
    }

    @Test
    void withoutATerminalOrPasswordStdinItIsAUsageError() {
        NewUser user = NewUser.unique();

        CliRunner.Result result = CliRunner.on(server).run("create-user", "--username", user.username(), "--email", user.email());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--password-stdin");
    }

    @Test
    void creationIsAuditedAsTheOperatorsWithoutThePassword() {
        NewUser user = NewUser.unique();
        createUser(user, user.password() + "\n");
        String id = idOf(user);

        assertThat(new JdbiAuditLog(server.running().wiring().database.jdbi()).findByUser(id, 10))
                .filteredOn(e -> e.type() == AuditEvent.Type.USER_CREATED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.userAgent()).isEqualTo("latchkey create-user");
                    assertThat(e.ip()).isNull();
                    assertThat(e.toString()).doesNotContain(user.password());
                });
    }

    private String idOf(NewUser user) {
        return server.running().wiring().latchkey.findUser().byUsername(user.username()).orElseThrow().id();
    }
}
