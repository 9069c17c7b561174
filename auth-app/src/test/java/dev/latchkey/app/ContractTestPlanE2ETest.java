package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The brief's test plan, end to end over HTTP against one server on H2. */
class ContractTestPlanE2ETest {

    private static final List<String> USER_FIELDS = List.of("id", "username", "email", "date_joined", "last_login", "email_verified");
    private static final List<String> PAIR_FIELDS = List.of("access", "refresh", "token_type", "expires_in");

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api api = server.api();

    @Nested
    class Registration {

        @Test
        void registeringAnswers201WithTheNewUser() {
            NewUser user = NewUser.unique();

            Reply reply = api.register(user);

            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            JsonNode body = reply.json();
            assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(USER_FIELDS);
            assertThat(UUID.fromString(body.get("id").asText())).isNotNull();
            assertThat(body.get("username").asText()).isEqualTo(user.username());
            assertThat(body.get("email").asText()).isEqualTo(user.email());
            assertIsoUtc(body.get("date_joined"));
            assertThat(body.get("last_login").isNull()).as("last_login is null").isTrue();
            assertThat(body.get("email_verified").isBoolean()).as("email_verified is a boolean").isTrue();
            assertThat(body.get("email_verified").asBoolean()).as("email_verified at registration").isFalse();
        }

        @Test
        void registeredUserCanLogIn() {
            NewUser user = NewUser.unique();
            api.registered(user);

            assertThat(api.logIn(user).status()).isEqualTo(200);
        }

        @Test
        void usernameIsShownAsTyped() {
            NewUser user = NewUser.unique();
            NewUser typed = user.withUsername("MiXeD_" + user.username());

            assertThat(api.register(typed).json().get("username").asText()).isEqualTo(typed.username());
        }

        @Test
        void noResponseCarriesThePasswordOrItsHash() {
            NewUser user = NewUser.unique();
            Reply registered = api.register(user);
            Reply login = api.logIn(user);
            Reply me = api.me(Tokens.of(login).access());

            for (Reply reply : List.of(registered, login, me)) {
                assertThat(reply.status()).isBetween(200, 299);
                assertThat(allFieldNames(reply.json()))
                        .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("password"))
                        .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("hash"));
                assertThat(reply.body()).doesNotContain(user.password()).doesNotContain("$2a$").doesNotContain("$2b$");
            }
        }

        @Test
        void mismatchedConfirmationIsRejected() {
            NewUser user = NewUser.unique();
            Map<String, Object> body = user.registration();
            body.put("password_confirm", user.password() + "x");

            api.post("/api/users/register/", body).assertFieldError("password_confirm");
        }

        @Test
        void duplicateUsernameIsRejected() {
            NewUser first = NewUser.unique();
            api.registered(first);

            api.register(NewUser.unique().withUsername(first.username())).assertFieldError("username");
        }

        @Test
        void duplicateUsernameInAnotherCaseIsRejected() {
            NewUser first = NewUser.unique();
            api.registered(first);

            api.register(NewUser.unique().withUsername(first.username().toUpperCase(Locale.ROOT)))
                    .assertFieldError("username");
        }

        @Test
        void duplicateEmailIsRejected() {
            NewUser first = NewUser.unique();
            api.registered(first);

            api.register(NewUser.unique().withEmail(first.email())).assertFieldError("email");
        }

        @Test
        void duplicateEmailInAnotherCaseIsRejected() {
            NewUser first = NewUser.unique();
            api.registered(first);

            api.register(NewUser.unique().withEmail(first.email().toUpperCase(Locale.ROOT))).assertFieldError("email");
        }

        @ParameterizedTest(name = "without {0}")
        @ValueSource(strings = {"username", "email", "password", "password_confirm"})
        void eachMissingFieldIsNamed(String field) {
            Map<String, Object> body = NewUser.unique().registration();
            body.remove(field);

            api.post("/api/users/register/", body).assertFieldError(field);
        }

        @Test
        void rejectedRegistrationCreatesNoAccount() {
            NewUser user = NewUser.unique();
            Map<String, Object> body = user.registration();
            body.put("password_confirm", "something else entirely");
            api.post("/api/users/register/", body).assertFieldError("password_confirm");

            api.logIn(user).assertProblem(401, "invalid_credentials");
        }

        @Test
        void shortPasswordIsRejected() {
            api.register(NewUser.unique().withPassword("Qx7!kp2")).assertFieldError("password");
        }

        @Test
        void passwordLongerThan128CharactersIsRejected() {
            api.register(NewUser.unique().withPassword("Qx7!kp2-".repeat(16) + "z")).assertFieldError("password");
        }

        @Test
        void invalidEmailIsRejected() {
            api.register(NewUser.unique().withEmail("not-an-address")).assertFieldError("email");
        }

        @Test
        void commonPasswordIsRejected() {
            api.register(NewUser.unique().withPassword("password123")).assertFieldError("password");
        }

        @Test
        void entirelyNumericPasswordIsRejected() {
            api.register(NewUser.unique().withPassword("4829173650284716")).assertFieldError("password");
        }

        @Test
        void passwordContainingTheUsernameIsRejected() {
            NewUser user = NewUser.unique();

            api.register(user.withPassword("x-" + user.username() + "-9")).assertFieldError("password");
        }

        @Test
        void everyCharacterOfALongPasswordCounts() {
            String longPassword = "Qx7!kp2-".repeat(12); // 96 bytes: past bcrypt's 72
            NewUser user = NewUser.unique().withPassword(longPassword);
            api.registered(user);

            Reply reply = api.logIn(user.withPassword(longPassword.substring(0, 90) + "ZZZZZZ"));

            reply.assertProblem(401, "invalid_credentials");
        }
    }

    @Nested
    class Login {

        @Test
        void loginAnswersATokenPair() {
            NewUser user = NewUser.unique();
            api.registered(user);

            Reply reply = api.logIn(user);

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(PAIR_FIELDS);
            assertThat(body.get("access").asText()).isNotBlank();
            assertThat(body.get("refresh").asText()).isNotBlank().isNotEqualTo(body.get("access").asText());
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.get("expires_in").isIntegralNumber()).isTrue();
            assertThat(body.get("expires_in").asInt()).isEqualTo(900);
        }

        @Test
        void accessTokenHeaderNamesES256AndItsKey() {
            NewUser user = NewUser.unique();
            api.registered(user);

            JsonNode header = Jwt.header(api.loggedIn(user).access());

            assertThat(header.path("alg").asText()).isEqualTo("ES256");
            assertThat(header.path("kid").asText()).isNotBlank();
            assertThat(header.path("typ").asText()).isEqualTo("JWT");
        }

        @Test
        void accessTokenCarriesTheContractClaims() {
            NewUser user = NewUser.unique();
            String id = api.registered(user);

            JsonNode claims = Jwt.claims(api.loggedIn(user).access());

            assertThat(claims.path("iss").asText()).isEqualTo("latchkey");
            assertThat(claims.path("sub").asText()).isEqualTo(id);
            assertThat(claims.path("user_id").asText()).isEqualTo(id);
            assertThat(claims.path("iat").isNumber()).as("iat is a number").isTrue();
            assertThat(claims.path("exp").isNumber()).as("exp is a number").isTrue();
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
            assertThat(Math.abs(claims.path("iat").asLong() - Instant.now().getEpochSecond())).isLessThan(60);
            assertThat(claims.path("jti").asText()).isNotBlank();
            assertThat(claims.path("token_type").asText()).isEqualTo("access");
            assertThat(claims.path("sid").asText()).isNotBlank();
            assertThat(claims.has("aud")).as("no aud without AUTH_AUDIENCE").isFalse();
        }

        @Test
        void refreshTokenIsOfTypeRefreshInTheSameSession() {
            NewUser user = NewUser.unique();
            api.registered(user);

            Tokens tokens = api.loggedIn(user);

            JsonNode refresh = Jwt.claims(tokens.refresh());
            assertThat(refresh.path("token_type").asText()).isEqualTo("refresh");
            assertThat(refresh.path("sid").asText()).isEqualTo(Jwt.claims(tokens.access()).path("sid").asText());
            assertThat(refresh.path("jti").asText()).isNotEqualTo(Jwt.claims(tokens.access()).path("jti").asText());
        }

        @Test
        void refreshTokenFromLoginIsUsable() {
            NewUser user = NewUser.unique();
            api.registered(user);

            assertThat(api.refresh(api.loggedIn(user).refresh()).status()).isEqualTo(200);
        }

        @Test
        void wrongPasswordIsInvalidCredentials() {
            NewUser user = NewUser.unique();
            api.registered(user);

            JsonNode problem = api.logIn(user.withPassword(user.password() + "!")).assertProblem(401, "invalid_credentials");

            assertThat(problem.has("errors")).as("no field errors on a failed login").isFalse();
        }

        @Test
        void unknownUserGetsTheSameBodyAsAWrongPassword() {
            NewUser user = NewUser.unique();
            api.registered(user);
            Reply wrongPassword = api.logIn(user.withPassword(user.password() + "!"));

            Reply unknownUser = api.logIn(NewUser.unique());

            unknownUser.assertProblem(401, "invalid_credentials");
            // A per-request id tells nothing about the account, so it is the one member allowed to differ.
            assertThat(withoutRequestId(unknownUser.json())).isEqualTo(withoutRequestId(wrongPassword.json()));
        }

        @Test
        void loginAcceptsTheEmailAddress() {
            NewUser user = NewUser.unique();
            api.registered(user);

            Reply reply = api.post("/api/token/", Map.of("username", user.email(), "password", user.password()));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }

        @Test
        void loginIgnoresTheCaseOfTheUsername() {
            NewUser user = NewUser.unique();
            api.registered(user);

            assertThat(api.logIn(user.withUsername(user.username().toUpperCase(Locale.ROOT))).status()).isEqualTo(200);
        }

        @ParameterizedTest(name = "without {0}")
        @ValueSource(strings = {"username", "password"})
        void eachMissingFieldIsNamed(String field) {
            Map<String, Object> body = NewUser.unique().credentials();
            body.remove(field);

            api.post("/api/token/", body).assertFieldError(field);
        }
    }

    @Nested
    class Refresh {

        @Test
        void refreshAnswersANewTokenPair() {
            Tokens tokens = loggedInUser();

            Reply reply = api.refresh(tokens.refresh());

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(PAIR_FIELDS);
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.get("expires_in").asInt()).isEqualTo(900);
            assertThat(body.get("refresh").asText()).isNotEqualTo(tokens.refresh());
            assertThat(body.get("access").asText()).isNotEqualTo(tokens.access());
        }

        @Test
        void refreshedAccessTokenWorksOnMe() {
            Tokens refreshed = api.refreshed(loggedInUser().refresh());

            assertThat(api.me(refreshed.access()).status()).isEqualTo(200);
        }

        @Test
        void invalidRefreshTokenIsTokenNotValid() {
            api.refresh("not.a.token").assertProblem(401, "token_not_valid");
        }

        @Test
        void refreshTokenWithBrokenSignatureIsTokenNotValid() {
            api.refresh(Jwt.withBrokenSignature(loggedInUser().refresh())).assertProblem(401, "token_not_valid");
        }

        @Test
        void accessTokenIsNotAcceptedAsRefreshToken() {
            api.refresh(loggedInUser().access()).assertProblem(401, "token_not_valid");
        }

        @Test
        void missingRefreshIsNamed() {
            api.post("/api/token/refresh/", Map.of()).assertFieldError("refresh");
        }
    }

    @Nested
    class Verify {

        @Test
        void validTokenAnswersAnEmptyObject() {
            Reply reply = api.post("/api/token/verify/", Map.of("token", loggedInUser().access()));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().isObject()).isTrue();
            assertThat(reply.json()).isEmpty();
        }

        @Test
        void garbageTokenIsTokenNotValid() {
            api.post("/api/token/verify/", Map.of("token", "garbage")).assertProblem(401, "token_not_valid");
        }

        @Test
        void tokenWithBrokenSignatureIsTokenNotValid() {
            api.post("/api/token/verify/", Map.of("token", Jwt.withBrokenSignature(loggedInUser().access())))
                    .assertProblem(401, "token_not_valid");
        }

        @Test
        void missingTokenIsNamed() {
            api.post("/api/token/verify/", Map.of()).assertFieldError("token");
        }
    }

    @Nested
    class Me {

        @Test
        void withoutTokenIsNotAuthenticatedWithBearerChallenge() {
            Reply reply = api.get("/api/users/me/");

            reply.assertProblem(401, "not_authenticated");
            assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }

        @Test
        void nonBearerAuthorizationIsNotAuthenticated() {
            Reply reply = api.send(api.request("/api/users/me/").header("Authorization", "Basic dXNlcjpwYXNz").GET());

            reply.assertProblem(401, "not_authenticated");
            assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }

        @Test
        void withTokenAnswersTheCallersUser() {
            NewUser user = NewUser.unique();
            String id = api.registered(user);

            Reply reply = api.me(api.loggedIn(user).access());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("id").asText()).isEqualTo(id);
            assertThat(reply.json().get("username").asText()).isEqualTo(user.username());
            assertThat(reply.json().get("email").asText()).isEqualTo(user.email());
        }

        @Test
        void answersExactlyTheUserFields() {
            JsonNode body = api.me(loggedInUser().access()).json();

            assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(USER_FIELDS);
            assertIsoUtc(body.get("date_joined"));
            assertIsoUtc(body.get("last_login"));
        }

        @Test
        void tokenWithBrokenSignatureIsTokenNotValid() {
            api.me(Jwt.withBrokenSignature(loggedInUser().access())).assertProblem(401, "token_not_valid");
        }

        @Test
        void refreshTokenIsNotAcceptedAsBearer() {
            api.me(loggedInUser().refresh()).assertProblem(401, "token_not_valid");
        }
    }

    @Nested
    class Logout {

        @Test
        void withoutTokenIsNotAuthenticated() {
            Tokens tokens = loggedInUser();

            api.post("/api/users/logout/", Map.of("refresh", tokens.refresh())).assertProblem(401, "not_authenticated");
        }

        @Test
        void logoutAnswersTheContractMessage() {
            Reply reply = api.logOut(loggedInUser());

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(Api.JSON.createObjectNode().put("detail", "Successfully logged out."));
        }

        @Test
        void missingRefreshIsNamed() {
            api.post("/api/users/logout/", Map.of(), loggedInUser().access()).assertFieldError("refresh");
        }

        @Test
        void refreshTokenIsRejectedAfterLogout() {
            Tokens tokens = loggedInUser();
            assertThat(api.logOut(tokens).status()).isEqualTo(200);

            api.refresh(tokens.refresh()).assertProblem(401, "token_not_valid");
        }

        @Test
        void accessTokenOfTheSessionIsRejectedAtOnceAfterLogout() {
            Tokens tokens = loggedInUser();
            assertThat(api.logOut(tokens).status()).isEqualTo(200);

            api.me(tokens.access()).assertProblem(401, "token_not_valid");
        }

        @Test
        void invalidRefreshIsNamed() {
            api.post("/api/users/logout/", Map.of("refresh", "not.a.token"), loggedInUser().access())
                    .assertFieldError("refresh");
        }

        @Test
        void refreshTokenAliasIsAccepted() {
            Tokens tokens = loggedInUser();

            Reply reply = api.post("/api/users/logout/", Map.of("refresh_token", tokens.refresh()), tokens.access());

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            api.refresh(tokens.refresh()).assertProblem(401, "token_not_valid");
        }
    }

    @Test
    void registerLogInMeLogOutAndLogInAgain() {
        NewUser user = NewUser.unique();
        String id = api.registered(user);
        Tokens first = api.loggedIn(user);
        assertThat(api.me(first.access()).json().get("id").asText()).isEqualTo(id);
        assertThat(api.logOut(first).status()).isEqualTo(200);

        Tokens second = api.loggedIn(user);

        Reply me = api.me(second.access());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(id);
        api.me(first.access()).assertProblem(401, "token_not_valid");
    }

    // --- helpers ---

    private static Tokens loggedInUser() {
        NewUser user = NewUser.unique();
        api.registered(user);
        return api.loggedIn(user);
    }

    private static JsonNode withoutRequestId(JsonNode problem) {
        ObjectNode copy = problem.deepCopy();
        copy.remove(List.of("requestId", "request_id"));
        return copy;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(field -> names.add(field.getKey()));
        return names;
    }

    private static List<String> allFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                names.add(field.getKey());
                names.addAll(allFieldNames(field.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(element -> names.addAll(allFieldNames(element)));
        }
        return names;
    }

    static void assertIsoUtc(JsonNode timestamp) {
        assertThat(timestamp.isTextual()).as("timestamp %s is a string", timestamp).isTrue();
        assertThat(timestamp.asText()).endsWith("Z");
        assertThat(Instant.parse(timestamp.asText())).isNotNull();
    }
}
