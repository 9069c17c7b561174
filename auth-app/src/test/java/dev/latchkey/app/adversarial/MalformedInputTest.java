package dev.latchkey.app.adversarial;

import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.NewUser;
import dev.latchkey.app.adversarial.Endpoint.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and oversized bodies on every endpoint that reads one: wrong media types, bodies that
 * are no JSON object, too large or lying about their size, and fields of the wrong JSON type. Each
 * gets its contract status and code, and changes nothing.
 */
class MalformedInputTest {

    private static final int LIMIT = 16 * 1024;

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api client = server.api();

    /** A body as bytes, named for the test report. */
    record Body(String name, byte[] bytes) {
        static Body of(String name, String text) {
            return new Body(name, text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Stream<Arguments> everyEndpointWith(List<?> values) {
        return Arrays.stream(Endpoint.values()).flatMap(endpoint -> values.stream().map(value -> Arguments.of(endpoint, value)));
    }

    // --- media type ---

    static Stream<Arguments> unsupportedContentTypes() {
        List<String> types = new ArrayList<>(List.of("text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/xml", "application/jsonp", "application/json-patch+json"));
        types.add(null);
        return everyEndpointWith(types);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("unsupportedContentTypes")
    void bodyThatIsNotDeclaredJsonIsUnsupported(Endpoint endpoint, String contentType) {
        Scene scene = endpoint.scene(client);

        client.postRaw(endpoint.path, Api.json(scene.validBody()).getBytes(StandardCharsets.UTF_8), contentType, scene.authorization())
                .assertProblem(415, "unsupported_media_type");
        scene.assertNothingChanged();
    }

    // --- not a JSON object ---

    static Stream<Arguments> malformedBodies() {
        byte[] invalidUtf8 = {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        return everyEndpointWith(List.of(
                Body.of("[]", "[]"),
                Body.of("null", "null"),
                Body.of("\"str\"", "\"str\""),
                Body.of("123", "123"),
                Body.of("true", "true"),
                Body.of("{", "{"),
                Body.of("{\"a\":}", "{\"a\":}"),
                Body.of("empty", ""),
                Body.of("whitespace only", " \r\n\t "),
                Body.of("single-quoted keys", "{'username':'x'}"),
                Body.of("comment", "/* x */ {}"),
                Body.of("NaN", "{\"username\": NaN}"),
                new Body("invalid UTF-8", invalidUtf8),
                // Deep nesting, within the size limit so that the parser must meet it.
                Body.of("10,000 [", "[".repeat(10_000)),
                Body.of("5,000 nested arrays", "[".repeat(5_000) + "]".repeat(5_000)),
                Body.of("2,000 nested objects", "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000))));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("malformedBodies")
    void bodyThatIsNoJsonObjectIsMalformed(Endpoint endpoint, Body body) {
        Scene scene = endpoint.scene(client);

        client.postRaw(endpoint.path, body.bytes(), "application/json", scene.authorization()).assertProblem(400, "malformed_json");
        scene.assertNothingChanged();
    }

    @Test
    void overlongUtf8IsNotDecodedIntoALetter() {
        NewUser account = NewUser.unique().withUsername("adm#n_" + NewUser.token());
        String json = Api.json(account.registration());
        int at = json.indexOf('#');
        byte[] head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = json.substring(at + 1).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        // C1 A9 is 'i' (U+0069) in an overlong two-byte form, which RFC 3629 forbids decoding: a
        // filter looking for "admin" in the bytes would not see it.
        body[head.length] = (byte) 0xC1;
        body[head.length + 1] = (byte) 0xA9;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);

        client.postRaw("/api/users/register/", body, "application/json", null).assertProblem(400, "malformed_json");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void objectFollowedByAnotherObjectIsMalformed(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);
        String valid = Api.json(scene.validBody());

        client.postRaw(endpoint.path, valid + " " + valid, scene.bearer()).assertProblem(400, "malformed_json");
        scene.assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void objectWithDuplicateKeysIsMalformed(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);
        String valid = Api.json(scene.validBody());
        String field = endpoint.fields.get(0);
        // A parser that keeps the first value and one that keeps the last would read different requests.
        String duplicated = "{\"" + field + "\":\"decoy\"," + valid.substring(1);

        client.postRaw(endpoint.path, duplicated, scene.bearer()).assertProblem(400, "malformed_json");
        scene.assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void utf8ByteOrderMarkBeforeAValidBodyIsIgnored(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);
        byte[] json = Api.json(scene.validBody()).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);

        // RFC 8259 section 8.1 lets a parser ignore a byte order mark; Latchkey does, and reads the body.
        Reply reply = client.postRaw(endpoint.path, withBom, "application/json", scene.authorization());

        assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
    }

    // --- size ---

    // Oversized bodies go over a plain socket: the server answers 413 and closes without reading
    // the rest, and java.net.http may then lose that answer to the connection reset.

    private static String head(Endpoint endpoint, Scene scene, String framing) {
        return "POST " + endpoint.path + " HTTP/1.1\r\nContent-Type: application/json\r\n" + framing
                + (endpoint.needsBearer ? "\r\nAuthorization: " + scene.authorization() : "");
    }

    private static byte[] oversizedBody(Scene scene) {
        Map<String, Object> body = scene.validBody();
        body.put("padding", "x".repeat(20 * 1024));
        return Api.json(body).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void bodyOver16KibIsTooLarge(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);
        byte[] body = oversizedBody(scene);

        client.rawExchange(head(endpoint, scene, "Content-Length: " + body.length), body).assertProblem(413, "payload_too_large");
        scene.assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void chunkedBodyOver16KibIsTooLarge(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);
        byte[] body = oversizedBody(scene);
        // No length known in advance: only reading can find the size.
        byte[] chunked = (Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);

        client.rawExchange(head(endpoint, scene, "Transfer-Encoding: chunked"), chunked).assertProblem(413, "payload_too_large");
        scene.assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void contentLengthClaimingOneMegabyteIsTooLargeBeforeTheBodyArrives(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);
        byte[] body = Api.json(scene.validBody()).getBytes(StandardCharsets.UTF_8);

        client.rawExchange(head(endpoint, scene, "Content-Length: 1048576"), body).assertProblem(413, "payload_too_large");
        scene.assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void bodyOfExactly16KibIsRead(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);
        Map<String, Object> body = scene.validBody();
        body.put("padding", "");
        int padding = LIMIT - Api.json(body).getBytes(StandardCharsets.UTF_8).length;
        body.put("padding", "x".repeat(padding));

        Reply reply = scene.send(body);

        assertThat(reply.status()).as("a body at the limit is read: %s", reply.body()).isBetween(200, 299);
    }

    // --- fields of the wrong JSON type ---

    static Stream<Arguments> wronglyTypedFields() {
        List<Object> values = Arrays.asList(42, 1.5, true, Map.of("a", "b"), List.of("a"), null);
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (String field : endpoint.fields) {
                for (Object value : values) {
                    cases.add(Arguments.of(endpoint, field, value == null ? "null" : Api.json(value)));
                }
            }
        }
        for (Object value : values.subList(0, 5)) {
            cases.add(Arguments.of(Endpoint.LOG_OUT, "refresh_token", Api.json(value)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("wronglyTypedFields")
    void fieldOfTheWrongJsonTypeIsAValidationFailure(Endpoint endpoint, String field, String jsonValue) {
        Scene scene = endpoint.scene(client);
        Map<String, Object> body = scene.validBody();
        body.remove(field);
        String json = Api.json(body);
        String withField = "{\"" + field + "\":" + jsonValue + (body.isEmpty() ? "}" : "," + json.substring(1));

        client.postRaw(endpoint.path, withField, scene.bearer()).assertFieldError(field);
        scene.assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void emptyObjectNamesEveryMissingField(Endpoint endpoint) {
        Scene scene = endpoint.scene(client);

        Reply reply = client.postRaw(endpoint.path, "{}", scene.bearer());

        reply.assertProblem(400, "validation_failed");
        assertThat(reply.json().path("errors").fieldNames()).toIterable()
                .containsAll(endpoint == Endpoint.LOG_OUT ? List.of("refresh") : endpoint.fields);
        scene.assertNothingChanged();
    }
}
