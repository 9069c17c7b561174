package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password reset and e-mail verification over HTTP, against the real server sending through a real
 * SMTP server, with verified addresses required for login.
 */
class AccountRecoveryE2ETest {

    static final Mailbox mailbox = new Mailbox();
    @RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension smtp = mailbox.smtp;

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(mailbox.serverEnv());
        env.put("AUTH_REQUIRE_VERIFIED_EMAIL", "true");
        env.put("AUTH_PASSWORD_RESET_MAX_PER_HOUR", "1000");
        server = TestServer.start(env);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static NewUser registeredAndVerified() {
        NewUser user = NewUser.unique();
        api.registered(user);
        String token = mailbox.awaitToken(user.email(), 1);
        assertThat(api.post("/api/users/verify-email/", Map.of("token", token)).status()).isEqualTo(200);
        return user;
    }

    private static String requestReset(NewUser user, int expectedMessages) {
        Api.Reply reply = api.post("/api/users/password-reset/", Map.of("email", user.email()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return mailbox.awaitToken(user.email(), expectedMessages);
    }

    private static Api.Reply confirm(String token, String password) {
        return api.post("/api/users/password-reset/confirm/",
                Map.of("token", token, "new_password", password, "new_password_confirm", password));
    }

    @Test
    void registrationMailsAVerificationLinkToThePage() {
        NewUser user = NewUser.unique();
        JsonNode body = api.register(user).json();

        assertThat(body.get("email_verified").asBoolean()).isFalse();
        mailbox.awaitToken(user.email(), 1);
        MimeMessage message = mailbox.to(user.email()).get(0);
        assertThat(Mailbox.text(message)).contains("https://auth.latchkey.test/account/verify-email/#token=");
    }

    @Test
    void unverifiedAddressCannotLogInUntilVerified() {
        NewUser user = NewUser.unique();
        api.registered(user);

        api.logIn(user).assertProblem(403, "email_not_verified");
        api.logIn(user.withPassword("Wrong-password-42")).assertProblem(401, "invalid_credentials");

        String token = mailbox.awaitToken(user.email(), 1);
        JsonNode verified = api.post("/api/users/verify-email/", Map.of("token", token)).json();
        assertThat(verified.get("email_verified").asBoolean()).isTrue();
        Api.Tokens tokens = api.loggedIn(user);
        assertThat(api.me(tokens.access()).json().get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void verificationTokenWorksOnce() {
        NewUser user = NewUser.unique();
        api.registered(user);
        String token = mailbox.awaitToken(user.email(), 1);
        api.post("/api/users/verify-email/", Map.of("token", token));

        api.post("/api/users/verify-email/", Map.of("token", token)).assertFieldError("token");
        api.post("/api/users/verify-email/", Map.of("token", "unknown-token")).assertFieldError("token");
        api.post("/api/users/verify-email/", Map.of()).assertFieldError("token");
    }

    @Test
    void resetReplacesThePasswordAndEndsEverySession() {
        NewUser user = registeredAndVerified();
        Api.Tokens before = api.loggedIn(user);

        String token = requestReset(user, 2);
        Api.Reply reply = confirm(token, "Brand-new-lantern-7");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        api.me(before.access()).assertProblem(401, "token_not_valid");
        api.refresh(before.refresh()).assertProblem(401, "token_not_valid");
        api.logIn(user).assertProblem(401, "invalid_credentials");
        assertThat(api.loggedIn(user.withPassword("Brand-new-lantern-7")).access()).isNotBlank();
        confirm(token, "Another-new-lantern-8").assertFieldError("token");
    }

    @Test
    void resetVerifiesTheAddress() {
        NewUser user = NewUser.unique();
        api.registered(user);
        mailbox.awaitToken(user.email(), 1);

        confirm(requestReset(user, 2), "Brand-new-lantern-7");

        assertThat(api.loggedIn(user.withPassword("Brand-new-lantern-7")).access()).isNotBlank();
    }

    @Test
    void newPasswordBreakingARuleIsAFieldErrorAndLeavesTheTokenUnspent() {
        NewUser user = registeredAndVerified();
        String token = requestReset(user, 2);

        confirm(token, "short").assertFieldError("new_password");
        api.post("/api/users/password-reset/confirm/", Map.of("token", token, "new_password", "Brand-new-lantern-7",
                "new_password_confirm", "Other-lantern-9")).assertFieldError("new_password_confirm");

        assertThat(confirm(token, "Brand-new-lantern-7").status()).isEqualTo(200);
    }

    @Test
    void ofTwoSimultaneousConfirmsWithOneTokenExactlyOneWins() {
        NewUser user = registeredAndVerified();
        String token = requestReset(user, 2);

        List<Integer> statuses = Concurrently.run(List.of(
                () -> confirm(token, "First-new-lantern-1").status(),
                () -> confirm(token, "Second-new-lantern-2").status()));

        assertThat(statuses).containsExactlyInAnyOrder(200, 400);
    }

    @Test
    void unknownAndInactiveAddressesGetTheSameAnswerAndNoMessage() {
        Api.Reply known = api.post("/api/users/password-reset/", Map.of("email", registeredAndVerified().email()));
        String unknown = "nobody." + NewUser.token() + "@example.com";
        Api.Reply unknownReply = api.post("/api/users/password-reset/", Map.of("email", unknown));

        assertThat(unknownReply.status()).isEqualTo(202);
        assertThat(unknownReply.body()).isEqualTo(known.body());
        assertThat(mailbox.to(unknown)).isEmpty();
    }

    @Test
    void accountGetsNoMoreThanItsHourlyShareOfMail() {
        NewUser user = registeredAndVerified(); // one message
        Api.Tokens tokens = api.loggedIn(user);
        for (int i = 2; i <= 5; i++) {
            assertThat(api.post("/api/users/verify-email/resend/", Map.of(), tokens.access()).status()).isEqualTo(202);
        }
        mailbox.awaitToken(user.email(), 5);

        Api.Reply refused = api.post("/api/users/verify-email/resend/", Map.of(), tokens.access());
        refused.assertProblem(429, "too_many_requests");
        assertThat(refused.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(3000, 3600));

        assertThat(api.post("/api/users/password-reset/", Map.of("email", user.email())).status()).isEqualTo(202);
        String userId = api.me(tokens.access()).json().get("id").asText();
        await().atMost(Mailbox.BOUND).until(() -> auditDetails(userId).contains("PASSWORD_RESET_REQUESTED hourly mail limit reached: nothing sent"));
        assertThat(mailbox.to(user.email())).hasSize(5);
    }

    @Test
    void resendNeedsAnAccessToken() {
        api.post("/api/users/verify-email/resend/", Map.of()).assertProblem(401, "not_authenticated");
    }

    @Test
    void missingOrInvalidAddressIsAFieldError() {
        api.post("/api/users/password-reset/", Map.of()).assertFieldError("email");
        api.post("/api/users/password-reset/", Map.of("email", "not an address")).assertFieldError("email");
    }

    @Test
    void noTokenReachesTheAuditTrail() {
        NewUser user = NewUser.unique();
        String id = api.registered(user);
        String token = mailbox.awaitToken(user.email(), 1);
        api.post("/api/users/verify-email/", Map.of("token", token));

        assertThat(String.join("\n", auditDetails(id))).doesNotContain(token);
    }

    private static List<String> auditDetails(String userId) {
        return new dev.latchkey.jdbi.JdbiAuditLog(server.running().wiring().database.jdbi()).findByUser(userId, 100)
                .stream().map(e -> e.type() + " " + e.detail()).toList();
    }
}
