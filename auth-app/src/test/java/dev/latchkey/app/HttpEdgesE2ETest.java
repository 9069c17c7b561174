package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP conventions of the contract: media types, sizes, malformed input, routing, headers, health, keys. */
class HttpEdgesE2ETest {

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api api = server.api();

    @Test
    void bodyWithoutJsonContentTypeIsUnsupported() {
        Reply reply = api.send(api.request("/api/token/")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(NewUser.unique().credentials()))));

        reply.assertProblem(415, "unsupported_media_type");
    }

    @Test
    void bodyWithoutAnyContentTypeIsUnsupported() {
        Reply reply = api.send(api.request("/api/users/register/")
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(NewUser.unique().registration()))));

        reply.assertProblem(415, "unsupported_media_type");
    }

    @Test
    void bodyOver16KibIsTooLarge() {
        String padding = "a".repeat(20 * 1024);

        // Over a plain socket: the server answers 413 without reading the body and closes, and
        // java.net.http can lose that answer to the connection reset.
        byte[] body = ("{\"username\":\"" + padding + "\",\"password\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        Reply reply = api.rawExchange("POST /api/token/ HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length, body);

        reply.assertProblem(413, "payload_too_large");
    }

    @Test
    void headersOver16KibAreAProblemNotAnHtmlPage() {
        Reply reply = api.rawExchange("GET /api/users/me/ HTTP/1.1\r\nX-Padding: " + "a".repeat(20 * 1024), new byte[0]);

        reply.assertProblem(431, "headers_too_large");
    }

    @Test
    void uriOver16KibIsAProblemNotAnHtmlPage() {
        Reply reply = api.rawExchange("GET /api/users/me/?q=" + "a".repeat(20 * 1024) + " HTTP/1.1", new byte[0]);

        reply.assertProblem(414, "uri_too_long");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GARBAGE", "GET /api/users/me/ HTTP/9.9", "GET /api/users/me/ HTTP/1.1\r\nNo colon here",
            "GET /api/users/me/ HTTP/1.1\r\nContent-Length: -5"})
    void requestJettyCannotParseIsABadRequestProblem(String head) {
        api.rawExchange(head, new byte[0]).assertProblem(400, "bad_request");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[1]", "{", "\"x\"", "null", "not json"})
    void bodyThatIsNoJsonObjectIsMalformed(String body) {
        api.postRaw("/api/token/", body, null).assertProblem(400, "malformed_json");
    }

    @Test
    void fieldOfTheWrongJsonTypeIsAValidationFailure() {
        Map<String, Object> body = NewUser.unique().registration();
        body.put("username", 5);

        api.post("/api/users/register/", body).assertFieldError("username");
    }

    @Test
    void unknownPathIsNotFound() {
        api.get("/api/no-such-thing/").assertProblem(404, "not_found");
    }

    @Test
    void wrongMethodIsNotAllowed() {
        api.get("/api/token/").assertProblem(405, "method_not_allowed");
    }

    @Test
    void pathsWorkWithoutTheTrailingSlash() {
        NewUser user = NewUser.unique();

        assertThat(api.post("/api/users/register", user.registration()).status()).isEqualTo(201);
        Reply login = api.post("/api/token", user.credentials());
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", Tokens.of(login).access()).status()).isEqualTo(200);
    }

    static Stream<Arguments> unauthenticatedRequests() {
        List<Arguments> requests = new ArrayList<>();
        requests.add(Arguments.of("health 200", (Function<Api, Reply>) a -> a.get("/health")));
        requests.add(Arguments.of("jwks 200", (Function<Api, Reply>) a -> a.get("/.well-known/jwks.json")));
        requests.add(Arguments.of("register 201", (Function<Api, Reply>) a -> a.register(NewUser.unique())));
        requests.add(Arguments.of("register 400", (Function<Api, Reply>) a -> a.post("/api/users/register/", Map.of())));
        requests.add(Arguments.of("malformed 400", (Function<Api, Reply>) a -> a.postRaw("/api/token/", "{", null)));
        requests.add(Arguments.of("login 401", (Function<Api, Reply>) a -> a.logIn(NewUser.unique())));
        requests.add(Arguments.of("me 401", (Function<Api, Reply>) a -> a.get("/api/users/me/")));
        requests.add(Arguments.of("unknown 404", (Function<Api, Reply>) a -> a.get("/nothing-here")));
        requests.add(Arguments.of("method 405", (Function<Api, Reply>) a -> a.get("/api/token/")));
        requests.add(Arguments.of("media type 415", (Function<Api, Reply>) a -> a.send(a.request("/api/token/")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")))));
        return requests.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthenticatedRequests")
    void everyResponseForbidsCachingAndSniffing(String name, Function<Api, Reply> request) {
        assertHardened(request.apply(api));
    }

    @Test
    void authenticatedResponsesForbidCachingAndSniffing() {
        NewUser user = NewUser.unique();
        api.registered(user);
        Tokens tokens = api.loggedIn(user);

        assertHardened(api.me(tokens.access()));
        assertHardened(api.refresh(tokens.refresh()));
    }

    @Test
    void noContentResponseForbidsCachingAndSniffing() {
        NewUser user = NewUser.unique();
        api.registered(user);
        Tokens target = api.loggedIn(user);
        Tokens caller = api.loggedIn(user);
        String sid = Jwt.claims(target.access()).get("sid").asText();

        Reply reply = api.delete("/api/users/sessions/" + sid + "/", caller.access());

        assertThat(reply.status()).isEqualTo(204);
        assertHardened(reply);
    }

    @Test
    void healthAnswersUp() {
        Reply reply = api.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(Api.JSON.createObjectNode().put("status", "UP"));
    }

    @Test
    void jwkSetHoldsTheKeyOfIssuedTokens() {
        NewUser user = NewUser.unique();
        api.registered(user);
        String kid = Jwt.header(api.loggedIn(user).access()).get("kid").asText();

        Reply reply = api.get("/.well-known/jwks.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("keys").isArray()).isTrue();
        List<String> kids = new ArrayList<>();
        reply.json().path("keys").forEach(key -> kids.add(key.path("kid").asText()));
        assertThat(kids).contains(kid);
    }

    @Test
    void jwkSetHoldsNoPrivateKeyMaterial() {
        JsonNode keys = api.get("/.well-known/jwks.json").json().path("keys");

        assertThat(keys).isNotEmpty();
        for (JsonNode key : keys) {
            assertThat(ContractTestPlanE2ETest.fieldNames(key)).as("members of %s", key)
                    .doesNotContain("d", "p", "q", "dp", "dq", "qi", "k");
        }
    }

    @Test
    void corsIsOffByDefault() {
        Reply reply = api.send(api.request("/api/token/")
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void nonAsciiTextTravelsAsUtf8BothWays() {
        NewUser user = NewUser.unique();
        NewUser zoe = user.withUsername("Zoë_Ünal_" + user.username().substring(5));

        Reply reply = api.register(zoe);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(reply.json().get("username").asText()).isEqualTo(zoe.username());
    }

    private static void assertHardened(Reply reply) {
        assertThat(reply.header("Cache-Control")).as("Cache-Control on %d", reply.status()).hasValue("no-store");
        assertThat(reply.header("X-Content-Type-Options")).as("X-Content-Type-Options on %d", reply.status()).hasValue("nosniff");
    }
}
