package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml describes what the server really does: every operation in it is called here,
 * for success and for its main refusals, and each request body and each response (status, media
 * type, body) is validated against the document's schemas (JSON Schema 2020-12, as OpenAPI 3.1 has).
 */
class OpenApiContractTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml").toAbsolutePath().normalize();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static JsonNode openApi;
    // Started in @BeforeAll: its mail settings need the port of the SMTP server below.
    private static TestServer server;
    private static Api api;
    private static final Set<String> exercised = new HashSet<>();

    static final Mailbox mailbox = new Mailbox();
    @RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension smtp = mailbox.smtp;

    @BeforeAll
    static void start() throws IOException {
        openApi = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        server = TestServer.start(mailbox.serverEnv());
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Checks one exchange against the document and remembers that the operation was exercised. */
    private static void conforms(String method, String path, Object requestBody, Api.Reply reply) {
        JsonNode operation = openApi.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path + " is in the document").isFalse();
        exercised.add(method + " " + path);
        if (requestBody != null) {
            String pointer = pointer("paths", path, method, "requestBody", "content", "application/json", "schema");
            assertValid(pointer, Api.JSON.valueToTree(requestBody), "request of " + method + " " + path);
        }
        String status = Integer.toString(reply.status());
        JsonNode response = operation.path("responses").path(status);
        assertThat(response.isMissingNode()).as(method + " " + path + " documents status " + status).isFalse();
        String responsePointer = pointer("paths", path, method, "responses", status);
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = at(responsePointer);
        }
        if (!response.has("content")) {
            assertThat(reply.body()).as("no body for " + status).isEmpty();
            return;
        }
        String mediaType = response.path("content").fieldNames().next();
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith(mediaType);
        if (!mediaType.contains("json")) {
            return; // a page: its type is what is documented
        }
        assertValid(responsePointer + "/content/" + mediaType.replace("/", "~1") + "/schema", reply.json(),
                status + " of " + method + " " + path);
    }

    private static JsonNode at(String pointer) {
        return openApi.at(pointer);
    }

    private static String pointer(String... parts) {
        StringBuilder pointer = new StringBuilder();
        for (String part : parts) {
            pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static void assertValid(String pointer, JsonNode value, String what) {
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of(DOCUMENT.toUri() + "#" + pointer));
        Set<ValidationMessage> problems = schema.validate(value);
        assertThat(problems).as(what + " matches " + pointer + ": " + value).isEmpty();
    }

    private static Api.Reply postRaw(String path, String body, String contentType) {
        return api.send(api.request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void everyOperationAnswersAsDocumented() {
        NewUser user = NewUser.unique();
        Map<String, Object> registration = user.registration();
        conforms("post", "/api/users/register/", registration, api.register(user));
        conforms("post", "/api/users/register/", registration, api.register(user)); // duplicate: 400
        conforms("post", "/api/users/register/", null, postRaw("/api/users/register/", "[1]", "application/json"));
        conforms("post", "/api/users/register/", null, postRaw("/api/users/register/", "{}", "text/plain"));
        byte[] oversized = ("{\"x\":\"" + "a".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // Over a plain socket: java.net.http can lose a 413 to the reset of a connection closed unread.
        conforms("post", "/api/users/register/", null, api.rawExchange("POST /api/users/register/ HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + oversized.length, oversized));

        Map<String, String> credentials = Map.of("username", user.username(), "password", user.password());
        Api.Reply login = api.post("/api/token/", credentials);
        conforms("post", "/api/token/", credentials, login);
        conforms("post", "/api/token/", null, api.post("/api/token/", Map.of("username", user.username(), "password", "Wrong-pass-1")));
        conforms("post", "/api/token/", null, api.post("/api/token/", Map.of()));
        conforms("post", "/api/token/", null, api.send(api.request("/api/token/").GET()));
        Api.Tokens tokens = Api.Tokens.of(login);

        conforms("post", "/api/token/verify/", Map.of("token", tokens.access()), api.post("/api/token/verify/", Map.of("token", tokens.access())));
        conforms("post", "/api/token/verify/", null, api.post("/api/token/verify/", Map.of("token", "garbage")));

        conforms("get", "/api/users/me/", null, api.me(tokens.access()));
        conforms("get", "/api/users/me/", null, api.get("/api/users/me/"));
        conforms("get", "/api/users/me/", null, api.me("not-a-token"));

        conforms("get", "/api/users/sessions/", null, api.get("/api/users/sessions/", tokens.access()));
        conforms("delete", "/api/users/sessions/{id}/", null, api.delete("/api/users/sessions/no-such-session/", tokens.access()));

        Map<String, String> refresh = Map.of("refresh", tokens.refresh());
        Api.Reply refreshed = api.post("/api/token/refresh/", refresh);
        conforms("post", "/api/token/refresh/", refresh, refreshed);
        conforms("post", "/api/token/refresh/", null, api.post("/api/token/refresh/", Map.of()));
        Api.Tokens next = Api.Tokens.of(refreshed);

        Map<String, String> change = Map.of("old_password", "Wrong-pass-1", "new_password", "Brand-new-pass-9",
                "new_password_confirm", "Brand-new-pass-9");
        conforms("post", "/api/users/change-password/", change, api.post("/api/users/change-password/", change, next.access()));
        Map<String, String> goodChange = Map.of("old_password", user.password(), "new_password", "Brand-new-pass-9",
                "new_password_confirm", "Brand-new-pass-9");
        conforms("post", "/api/users/change-password/", goodChange, api.post("/api/users/change-password/", goodChange, next.access()));

        Api.Tokens second = Api.Tokens.of(api.post("/api/token/", Map.of("username", user.username(), "password", "Brand-new-pass-9")));
        String secondSession = api.get("/api/users/sessions/", second.access()).json().get(0).get("id").asText();
        conforms("delete", "/api/users/sessions/{id}/", null, api.delete("/api/users/sessions/" + secondSession + "/", next.access()));

        Map<String, String> logout = Map.of("refresh", next.refresh());
        conforms("post", "/api/users/logout/", null, api.post("/api/users/logout/", Map.of(), next.access()));
        conforms("post", "/api/users/logout/", logout, api.post("/api/users/logout/", logout, next.access()));

        Api.Tokens third = Api.Tokens.of(api.post("/api/token/", Map.of("username", user.username(), "password", "Brand-new-pass-9")));
        conforms("post", "/api/users/logout-all/", null, api.postRaw("/api/users/logout-all/", "{}", third.access()));

        exerciseRecovery();

        conforms("get", "/.well-known/jwks.json", null, api.get("/.well-known/jwks.json"));
        conforms("get", "/health", null, api.get("/health"));
        conforms("get", "/health/ready", null, api.get("/health/ready"));
        conforms("get", "/health/live", null, api.get("/health/live"));

        List<String> documented = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(p ->
                p.getValue().fieldNames().forEachRemaining(m -> documented.add(m + " " + p.getKey())));
        assertThat(exercised).containsExactlyInAnyOrderElementsOf(documented);
    }

    private static void exerciseRecovery() {
        NewUser user = NewUser.unique();
        api.registered(user);
        String verifyToken = mailbox.awaitToken(user.email(), 1);
        Api.Tokens tokens = api.loggedIn(user);

        conforms("post", "/api/users/verify-email/", Map.of("token", verifyToken),
                api.post("/api/users/verify-email/", Map.of("token", verifyToken)));
        conforms("post", "/api/users/verify-email/", null, api.post("/api/users/verify-email/", Map.of("token", verifyToken)));
        conforms("post", "/api/users/verify-email/", null, postRaw("/api/users/verify-email/", "{}", "text/plain"));

        conforms("post", "/api/users/verify-email/resend/", null, api.post("/api/users/verify-email/resend/", Map.of(), tokens.access()));
        conforms("post", "/api/users/verify-email/resend/", null, api.post("/api/users/verify-email/resend/", Map.of()));
        for (int i = 0; i < 3; i++) {
            api.post("/api/users/verify-email/resend/", Map.of(), tokens.access());
        }
        conforms("post", "/api/users/verify-email/resend/", null, api.post("/api/users/verify-email/resend/", Map.of(), tokens.access()));

        NewUser other = NewUser.unique();
        api.registered(other);
        Map<String, String> request = Map.of("email", other.email());
        conforms("post", "/api/users/password-reset/", request, api.post("/api/users/password-reset/", request));
        conforms("post", "/api/users/password-reset/", null, api.post("/api/users/password-reset/", Map.of("email", "nope")));
        conforms("post", "/api/users/password-reset/", null, postRaw("/api/users/password-reset/", "{}", "text/plain"));
        String resetToken = mailbox.awaitToken(other.email(), 2);
        Map<String, String> weak = Map.of("token", resetToken, "new_password", "123", "new_password_confirm", "123");
        conforms("post", "/api/users/password-reset/confirm/", weak, api.post("/api/users/password-reset/confirm/", weak));
        Map<String, String> confirm = Map.of("token", resetToken, "new_password", "Reset-lantern-77",
                "new_password_confirm", "Reset-lantern-77");
        conforms("post", "/api/users/password-reset/confirm/", confirm, api.post("/api/users/password-reset/confirm/", confirm));
        conforms("post", "/api/users/password-reset/confirm/", null, postRaw("/api/users/password-reset/confirm/", "{}", "text/plain"));

        conforms("get", "/account/reset-password/", null, api.get("/account/reset-password/"));
        conforms("get", "/account/verify-email/", null, api.get("/account/verify-email/"));
    }

    @Test
    void tryItOutCallsTheServerThatServesTheDocument() {
        // An absolute address would send every "Try it out" to that host, wherever the server runs.
        assertThat(openApi.path("servers")).isNotEmpty();
        openApi.path("servers").forEach(entry -> assertThat(entry.path("url").asText()).as("server url").startsWith("/"));
    }

    @Test
    void documentIsServedWithABrowsableUi() throws IOException {
        Api.Reply document = api.get("/openapi.yaml");
        Api.Reply page = api.get("/docs");

        assertThat(document.status()).isEqualTo(200);
        // whole, though several times larger than the buffer answers are copied through
        assertThat(document.body()).isEqualTo(Files.readString(DOCUMENT));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/docs/assets/swagger-ui-bundle.js", "/openapi.yaml");
        assertThat(api.get("/docs/assets/swagger-ui-bundle.js").status()).isEqualTo(200);
    }
}
