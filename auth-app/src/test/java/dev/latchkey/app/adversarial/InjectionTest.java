package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL-injection strings and LIKE wildcards in every string field and in the session id of the
 * path: each is plain data, answered as the contract says, and the server keeps working (a user
 * registered before the attacks logs in after each of them).
 */
class InjectionTest {

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_LOGIN_MAX_FAILURES", "1000"));
    private static final Api client = server.api();
    private static NewUser steady;

    @BeforeAll
    static void prepare() {
        steady = client.registeredUser(NewUser.unique());
    }

    @AfterEach
    void serverStillWorks() {
        assertThat(client.logIn(steady).status()).as("a user registered before the attack logs in").isEqualTo(200);
    }

    static Stream<String> injections() {
        return Stream.of("' OR '1'='1", "\"; DROP TABLE users; --", "\\' OR 1=1 --", "admin'--", "' OR 1=1; --",
                "') OR ('1'='1", "1; SELECT pg_sleep(5)", "' UNION SELECT password_hash FROM users --", "%", "_", "%%", "*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsUsernameAndPasswordIsInvalidCredentials(String injection) {
        client.post("/api/token/", Map.of("username", injection, "password", injection)).assertProblem(401, "invalid_credentials");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsPasswordOfARealUserIsInvalidCredentials(String injection) {
        NewUser account = client.registeredUser(NewUser.unique());

        client.post("/api/token/", Map.of("username", account.username(), "password", injection))
                .assertProblem(401, "invalid_credentials");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsEmailLoginIsInvalidCredentials(String injection) {
        client.post("/api/token/", Map.of("username", injection + "@example.com", "password", steady.password()))
                .assertProblem(401, "invalid_credentials");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsUsernameIsRefusedOnRegistration(String injection) {
        client.register(NewUser.unique().withUsername(injection)).assertFieldError("username");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"' OR '1'='1", "\"; DROP TABLE users; --", "\\' OR 1=1 --", "' UNION SELECT 1 --"})
    void injectionAsEmailIsRefusedOnRegistration(String injection) {
        client.register(NewUser.unique().withEmail(injection + "@example.com")).assertFieldError("email");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionInAPasswordIsStoredAsTyped(String injection) {
        NewUser account = client.registeredUser(NewUser.unique().withPassword(injection + "-Lantern-" + NewUser.token()));

        assertThat(client.logIn(account).status()).isEqualTo(200);
        client.post("/api/token/", Map.of("username", account.username(), "password", injection))
                .assertProblem(401, "invalid_credentials");
    }

    @Test
    void likeWildcardsInAUsernameMatchNobody() {
        String tag = NewUser.token();
        NewUser account = client.registeredUser(NewUser.unique().withUsername("wild_card_" + tag));

        for (String pattern : new String[] {"wild%", "wild_card_%", "%" + tag, "wildxcardx" + tag, "_ild_card_" + tag}) {
            client.post("/api/token/", Map.of("username", pattern, "password", account.password()))
                    .assertProblem(401, "invalid_credentials");
        }
    }

    @Test
    void likeWildcardsInAnEmailMatchNobody() {
        String tag = NewUser.token();
        NewUser account = client.registeredUser(NewUser.unique().withEmail("wild_" + tag + "@example.com"));

        for (String pattern : new String[] {"%@example.com", "wild%@example.com", "wildx" + tag + "@example.com", "%"}) {
            client.post("/api/token/", Map.of("username", pattern, "password", account.password()))
                    .assertProblem(401, "invalid_credentials");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsRefreshTokenIsNotValid(String injection) {
        client.refresh(injection).assertProblem(401, "token_not_valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsTokenToVerifyIsNotValid(String injection) {
        client.verify(injection).assertProblem(401, "token_not_valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsBearerTokenIsNotValid(String injection) {
        client.getWithAuthorization("/api/users/me/", "Bearer " + injection.replace(" ", "")).assertProblem(401, "token_not_valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsLogoutTokenIsAFieldErrorAndEndsNothing(String injection) {
        Tokens tokens = client.newSession();

        client.post("/api/users/logout/", Map.of("refresh", injection), tokens.access()).assertFieldError("refresh");
        assertThat(client.me(tokens.access()).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsOldPasswordIsAFieldErrorAndChangesNothing(String injection) {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens tokens = client.loggedIn(account);
        String fresh = "New-" + NewUser.token() + "-Harbour";

        client.post("/api/users/change-password/", Map.of("old_password", injection, "new_password", fresh,
                "new_password_confirm", fresh), tokens.access()).assertFieldError("old_password");
        assertThat(client.logIn(account).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void injectionAsSessionIdIsNotFoundAndEndsNothing(String injection) {
        NewUser account = client.registeredUser(NewUser.unique());
        Tokens other = client.loggedIn(account);
        Tokens caller = client.loggedIn(account);
        String id = URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");

        client.delete("/api/users/sessions/" + id + "/", caller.access()).assertProblem(404, "not_found");
        assertThat(client.me(other.access()).status()).isEqualTo(200);
        assertThat(client.getWithAuthorization("/api/users/sessions/", "Bearer " + caller.access()).json()).hasSize(2);
    }
}
