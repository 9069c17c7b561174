package dev.latchkey.app.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and tampered tokens on every endpoint that reads one: {@code GET /api/users/me/} (Bearer),
 * {@code /api/token/refresh/} and {@code /api/token/verify/}. Each forgery starts from a genuine token
 * and changes one thing; those signed with the server's own key prove that each claim and header
 * check holds on its own, not only the signature. After each refusal the genuine token still works.
 */
class ForgedTokenTest {

    /** Longer Authorization headers are refused as not_authenticated (docs/security.md). */
    private static final int MAX_AUTHORIZATION = 8 * 1024;

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    private static final Api client = server.api();
    private static Forger forger;
    /** Another user's session, whose tokens some forgeries borrow from. */
    private static Tokens other;

    @BeforeAll
    static void prepare() {
        ECKey key = (ECKey) server.signingKey();
        String published = null;
        for (JsonNode jwk : client.getWithAuthorization("/.well-known/jwks.json", null).json().path("keys")) {
            if (jwk.path("kid").asText().equals(key.getKeyID())) {
                published = jwk.toString();
            }
        }
        assertThat(published).as("the signing key in the JWK set").isNotNull();
        forger = new Forger(key, published);
        other = client.newSession();
    }

    /** A genuine token, and a genuine token of the same type from another user's session. */
    record Genuine(String token, String other) {
        ObjectNode header() {
            return Forger.header(token);
        }

        ObjectNode claims() {
            return Forger.claims(token);
        }

        String[] parts() {
            return Forger.parts(token);
        }
    }

    @FunctionalInterface
    interface Forge {
        String from(Forger forger, Genuine genuine);
    }

    record Forgery(String name, Forge forge) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Forgery forgery(String name, Forge forge) {
        return new Forgery(name, forge);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    static Stream<Forgery> forgeries() {
        return Stream.of(
                // No signature, or the wrong kind of signature.
                forgery("alg none with an empty signature", (f, g) -> Forger.assemble(
                        (ObjectNode) Api.JSON.createObjectNode().put("alg", "none").put("typ", "JWT"), g.claims(), "")),
                forgery("alg none keeping the kid", (f, g) -> Forger.assemble(g.header().put("alg", "none"), g.claims(), "")),
                forgery("alg NONE in capitals, signed by the server key", (f, g) -> f.signedByServer(g.header().put("alg", "NONE"), g.claims())),
                forgery("HS256 keyed with the published JWK", (f, g) -> Forger.hmacSigned(
                        f.publishedJwk().getBytes(StandardCharsets.UTF_8), g.header().put("alg", "HS256"), g.claims())),
                forgery("HS256 keyed with the public key's DER", (f, g) -> Forger.hmacSigned(
                        f.serverPublicKeyDer(), g.header().put("alg", "HS256"), g.claims())),
                forgery("HS256 keyed with the public key's PEM", (f, g) -> Forger.hmacSigned(
                        f.serverPublicKeyPem(), g.header().put("alg", "HS256"), g.claims())),
                forgery("alg ES512, signed by the server key", (f, g) -> f.signedByServer(g.header().put("alg", "ES512"), g.claims())),
                forgery("alg RS256, signed by the server key", (f, g) -> f.signedByServer(g.header().put("alg", "RS256"), g.claims())),
                // Keys the token brings along.
                forgery("own key embedded as jwk", (f, g) -> {
                    ObjectNode header = g.header().put("kid", f.ownKey().getKeyID());
                    header.set("jwk", Api.JSON.valueToTree(f.ownKey().toPublicJWK().toJSONObject()));
                    return f.signedByOwnKey(header, g.claims());
                }),
                forgery("own key embedded as jwk under the server's kid", (f, g) -> {
                    ObjectNode header = g.header();
                    header.set("jwk", Api.JSON.valueToTree(f.ownKey().toPublicJWK().toJSONObject()));
                    return f.signedByOwnKey(header, g.claims());
                }),
                forgery("own key under the server's kid", (f, g) -> f.signedByOwnKey(g.header(), g.claims())),
                forgery("jku pointing at 127.0.0.1, own key", (f, g) -> f.signedByOwnKey(g.header()
                        .put("kid", f.ownKey().getKeyID()).put("jku", "http://127.0.0.1:1/.well-known/jwks.json"), g.claims())),
                forgery("x5u pointing at 127.0.0.1, own key", (f, g) -> f.signedByOwnKey(g.header()
                        .put("kid", f.ownKey().getKeyID()).put("x5u", "http://127.0.0.1:1/cert.pem"), g.claims())),
                forgery("jku header, signed by the server key", (f, g) -> f.signedByServer(g.header()
                        .put("jku", "http://127.0.0.1:1/.well-known/jwks.json"), g.claims())),
                forgery("jwk header holding the server's own public key, signed by the server key", (f, g) -> {
                    ObjectNode header = g.header();
                    header.set("jwk", Api.JSON.valueToTree(f.serverPublicKey().toJSONObject()));
                    return f.signedByServer(header, g.claims());
                }),
                // Hostile key ids, each signed by the server key so that only the kid is wrong.
                forgery("kid ../../etc/passwd", (f, g) -> f.signedByServer(g.header().put("kid", "../../etc/passwd"), g.claims())),
                forgery("kid ' OR '1'='1", (f, g) -> f.signedByServer(g.header().put("kid", "' OR '1'='1"), g.claims())),
                forgery("kid of 10 KB", (f, g) -> f.signedByServer(g.header().put("kid", "k".repeat(10 * 1024)), g.claims())),
                forgery("empty kid", (f, g) -> f.signedByServer(g.header().put("kid", ""), g.claims())),
                forgery("no kid", (f, g) -> {
                    ObjectNode header = g.header();
                    header.remove("kid");
                    return f.signedByServer(header, g.claims());
                }),
                forgery("kid that is a number", (f, g) -> f.signedByServer(g.header().put("kid", 42), g.claims())),
                // Broken signatures.
                forgery("signature stripped", (f, g) -> g.parts()[0] + "." + g.parts()[1] + "."),
                forgery("ECDSA signature of 64 zero bytes", (f, g) -> g.parts()[0] + "." + g.parts()[1] + "." + Forger.encode(new byte[64])),
                forgery("signature of another genuine token", (f, g) -> g.parts()[0] + "." + g.parts()[1] + "." + Forger.parts(g.other())[2]),
                forgery("one payload byte flipped", (f, g) -> {
                    byte[] payload = Forger.decode(g.parts()[1]);
                    String text = new String(payload, StandardCharsets.UTF_8);
                    int at = text.indexOf("\"jti\":\"") + 7;
                    payload[at] = (byte) (payload[at] == 'a' ? 'b' : 'a');
                    return g.parts()[0] + "." + Forger.encode(payload) + "." + g.parts()[2];
                }),
                forgery("header re-serialised with spaces", (f, g) -> Forger.encode(g.header().toPrettyString())
                        + "." + g.parts()[1] + "." + g.parts()[2]),
                // Claims, each signed by the server key so that only the claim is wrong.
                forgery("exp far in the past", (f, g) -> f.signedByServer(g.header(), g.claims().put("exp", 946_684_800L))),
                forgery("no exp", (f, g) -> {
                    ObjectNode claims = g.claims();
                    claims.remove("exp");
                    return f.signedByServer(g.header(), claims);
                }),
                forgery("exp that is a string", (f, g) -> f.signedByServer(g.header(), g.claims().put("exp", "tomorrow"))),
                forgery("nbf an hour ahead", (f, g) -> f.signedByServer(g.header(), g.claims().put("nbf", now() + 3600))),
                forgery("iat an hour ahead", (f, g) -> f.signedByServer(g.header(), g.claims().put("iat", now() + 3600))),
                forgery("iat 60 s ahead, beyond the 30 s leeway", (f, g) -> f.signedByServer(g.header(), g.claims().put("iat", now() + 60))),
                forgery("no iat", (f, g) -> {
                    ObjectNode claims = g.claims();
                    claims.remove("iat");
                    return f.signedByServer(g.header(), claims);
                }),
                forgery("wrong iss", (f, g) -> f.signedByServer(g.header(), g.claims().put("iss", "https://evil.example"))),
                forgery("no iss", (f, g) -> {
                    ObjectNode claims = g.claims();
                    claims.remove("iss");
                    return f.signedByServer(g.header(), claims);
                }),
                forgery("aud although none is configured", (f, g) -> f.signedByServer(g.header(), g.claims().put("aud", "latchkey"))),
                forgery("crit header", (f, g) -> {
                    ObjectNode header = g.header().put("x-policy", "strict");
                    header.putArray("crit").add("x-policy");
                    return f.signedByServer(header, g.claims());
                }),
                forgery("typ at+jwt", (f, g) -> f.signedByServer(g.header().put("typ", "at+jwt"), g.claims())),
                forgery("no typ", (f, g) -> {
                    ObjectNode header = g.header();
                    header.remove("typ");
                    return f.signedByServer(header, g.claims());
                }),
                forgery("unknown token_type", (f, g) -> f.signedByServer(g.header(), g.claims().put("token_type", "admin"))),
                forgery("sub differing from user_id", (f, g) -> f.signedByServer(g.header(), g.claims().put("sub", UUID.randomUUID().toString()))),
                forgery("no sid", (f, g) -> {
                    ObjectNode claims = g.claims();
                    claims.remove("sid");
                    return f.signedByServer(g.header(), claims);
                }),
                forgery("no jti", (f, g) -> {
                    ObjectNode claims = g.claims();
                    claims.remove("jti");
                    return f.signedByServer(g.header(), claims);
                }),
                forgery("another user's id with own session", (f, g) -> {
                    String otherUser = Forger.claims(g.other()).path("sub").asText();
                    return f.signedByServer(g.header(), g.claims().put("sub", otherUser).put("user_id", otherUser));
                }),
                forgery("another user's session with own user id", (f, g) -> f.signedByServer(g.header(),
                        g.claims().put("sid", Forger.claims(g.other()).path("sid").asText()))),
                forgery("session id that does not exist", (f, g) -> f.signedByServer(g.header(),
                        g.claims().put("sid", UUID.randomUUID().toString()))),
                // Shapes that are no JWS compact token.
                forgery("JWE-shaped token of five parts", (f, g) -> Forger.encode("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}")
                        + ".." + Forger.encode(new byte[12]) + "." + Forger.encode(new byte[32]) + "." + Forger.encode(new byte[16])),
                forgery("two parts", (f, g) -> g.parts()[0] + "." + g.parts()[1]),
                forgery("three parts that are no base64url", (f, g) -> "%%%.###.$$$"),
                forgery("10 KB token signed by the server key", (f, g) -> f.signedByServer(g.header(),
                        g.claims().put("pad", "p".repeat(10 * 1024)))),
                forgery("trailing garbage after the signature", (f, g) -> g.token() + "garbage"),
                forgery("a fourth part appended", (f, g) -> g.token() + "." + Forger.encode("{}")));
    }

    // --- positive controls: the forger makes tokens the server accepts when nothing is wrong ---

    @Test
    void genuineClaimsResignedWithTheServerKeyAreAccepted() {
        Tokens tokens = client.newSession();

        String resigned = forger.signedByServer(Forger.header(tokens.access()), Forger.claims(tokens.access()));

        assertThat(client.me(resigned).status()).isEqualTo(200);
    }

    @Test
    void iatTenSecondsAheadIsWithinTheLeeway() {
        Tokens tokens = client.newSession();

        String ahead = forger.signedByServer(Forger.header(tokens.access()), Forger.claims(tokens.access()).put("iat", now() + 10));

        assertThat(client.me(ahead).status()).isEqualTo(200);
    }

    // --- forgeries on each endpoint ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedAccessTokenIsRefusedAsBearer(Forgery forgery) {
        Tokens victim = client.newSession();
        String forged = forgery.forge().from(forger, new Genuine(victim.access(), other.access()));

        Reply reply = client.getWithAuthorization("/api/users/me/", "Bearer " + forged);

        reply.assertProblem(401, ("Bearer " + forged).length() > MAX_AUTHORIZATION ? "not_authenticated" : "token_not_valid");
        assertThat(client.me(victim.access()).status()).as("the genuine token still works").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedRefreshTokenIsRefusedByRefresh(Forgery forgery) {
        Tokens victim = client.newSession();
        String forged = forgery.forge().from(forger, new Genuine(victim.refresh(), other.refresh()));

        client.refresh(forged).assertProblem(401, "token_not_valid");
        assertThat(client.refresh(victim.refresh()).status()).as("the genuine refresh token still works").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedTokenIsRefusedByVerify(Forgery forgery) {
        Tokens victim = client.newSession();
        String forged = forgery.forge().from(forger, new Genuine(victim.access(), other.access()));

        client.verify(forged).assertProblem(401, "token_not_valid");
        assertThat(client.verify(victim.access()).status()).as("the genuine token still verifies").isEqualTo(200);
    }

    // --- type confusion ---

    @Test
    void refreshTokenIsRefusedAsBearer() {
        Tokens tokens = client.newSession();

        client.me(tokens.refresh()).assertProblem(401, "token_not_valid");
        assertThat(client.me(tokens.access()).status()).isEqualTo(200);
    }

    @Test
    void accessTokenIsRefusedByRefreshAndDoesNotCountAsReuse() {
        Tokens tokens = client.newSession();

        client.refresh(tokens.access()).assertProblem(401, "token_not_valid");
        assertThat(client.refresh(tokens.refresh()).status()).isEqualTo(200);
    }

    @Test
    void accessTokenIsRefusedByLogout() {
        Tokens tokens = client.newSession();

        client.post("/api/users/logout/", Map.of("refresh", tokens.access()), tokens.access()).assertFieldError("refresh");
        assertThat(client.me(tokens.access()).status()).isEqualTo(200);
    }

    // --- the Authorization header itself ---

    static Stream<String> malformedAuthorizations() {
        return Stream.of("Bearer", "Bearer ", "Basic xyz", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)),
                "Token abc.def.ghi", "JWT abc.def.ghi", "Bearerabc.def.ghi", "Bearer abc.def.ghi trailing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthorizations")
    void malformedAuthorizationIsNotAuthenticated(String authorization) {
        client.getWithAuthorization("/api/users/me/", authorization).assertProblem(401, "not_authenticated");
    }

    @Test
    void missingAuthorizationIsNotAuthenticated() {
        client.getWithAuthorization("/api/users/me/", null).assertProblem(401, "not_authenticated");
    }

    @Test
    void genuineTokenFollowedByAWordIsNotAuthenticated() {
        Tokens tokens = client.newSession();

        client.getWithAuthorization("/api/users/me/", "Bearer " + tokens.access() + " garbage").assertProblem(401, "not_authenticated");
    }

    @Test
    void authorizationHeaderOver8KibIsNotAuthenticatedEvenWithAGenuineTokenInIt() {
        Tokens tokens = client.newSession();
        String header = "Bearer " + tokens.access() + "." + "x".repeat(MAX_AUTHORIZATION);

        client.getWithAuthorization("/api/users/me/", header).assertProblem(401, "not_authenticated");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void bearerSchemeIsCaseInsensitive(String scheme) {
        Tokens tokens = client.newSession();

        assertThat(client.getWithAuthorization("/api/users/me/", scheme + " " + tokens.access()).status()).isEqualTo(200);
    }

    @Test
    void problemsForTokenFailuresNameNoReason() {
        Tokens tokens = client.newSession();
        List<String> forged = List.of(
                forger.signedByServer(Forger.header(tokens.access()), Forger.claims(tokens.access()).put("exp", 946_684_800L)),
                forger.signedByServer(Forger.header(tokens.access()).put("kid", "nope"), Forger.claims(tokens.access())),
                tokens.access() + "x");

        List<String> bodies = forged.stream().map(token -> client.me(token).body()).distinct().toList();

        assertThat(bodies).as("one body for every reason").hasSize(1);
    }
}
