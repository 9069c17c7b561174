package dev.latchkey.app.adversarial;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.AdversarialServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens an attacker can make without the server's key, against the default ES256 server. */
class ForgedTokenTest {

    private static AdversarialServer server;
    private static Http http;
    private static String access;
    private static String refresh;

    @BeforeAll
    static void start() {
        server = AdversarialServer.start(Map.of());
        http = new Http(server.port());
        String[] pair = http.newSession("forger_victim");
        access = pair[0];
        refresh = pair[1];
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String part(int index, String token) {
        return token.split("\\.")[index];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void rejected(String token) {
        Http.Reply me = http.get("/api/users/me/", "Bearer " + token);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("token_not_valid");
        assertThat(me.contentType()).startsWith("application/problem+json");
        Http.Reply verify = http.post("/api/token/verify/", "{\"token\":\"" + token + "\"}", null);
        assertThat(verify.status()).isEqualTo(401);
        assertThat(verify.code()).isEqualTo("token_not_valid");
    }

    private static JWTClaimsSet claimsOf(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    @Test
    void theGenuineTokenWorks() {
        assertThat(http.get("/api/users/me/", "Bearer " + access).status()).isEqualTo(200);
    }

    @Test
    void algNoneIsRejected() {
        rejected(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(1, access) + ".");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRejected() throws Exception {
        String jwks = http.get("/.well-known/jwks.json", null).body();
        String kid = http.get("/.well-known/jwks.json", null).json().path("keys").get(0).path("kid").asText();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(JOSEObjectType.JWT).build(),
                claimsOf(access));
        jwt.sign(new MACSigner(jwks.repeat(2).getBytes(StandardCharsets.UTF_8)));
        rejected(jwt.serialize());
    }

    @Test
    void aTokenSignedByAKeyItCarriesInItsHeaderIsRejected() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("attacker")
                .jwk(attacker.toPublicJWK()).type(JOSEObjectType.JWT).build(), claimsOf(access));
        jwt.sign(new ECDSASigner(attacker));
        rejected(jwt.serialize());
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheServersKidIsRejected() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
        String kid = SignedJWT.parse(access).getHeader().getKeyID();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT).build(),
                claimsOf(access));
        jwt.sign(new ECDSASigner(attacker));
        rejected(jwt.serialize());
    }

    @Test
    void strippedSignatureIsRejected() {
        rejected(part(0, access) + "." + part(1, access) + ".");
    }

    @Test
    void allZeroEcdsaSignatureIsRejected() {
        rejected(part(0, access) + "." + part(1, access) + "." + Base64URL.encode(new byte[64]));
    }

    @Test
    void changedPayloadIsRejected() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claimsOf(access)).subject("someone-else").claim("user_id", "someone-else").build();
        rejected(part(0, access) + "." + b64(claims.toString()) + "." + part(2, access));
    }

    @Test
    void hostileKidValuesAreRejected() {
        for (String kid : new String[] {"../../etc/passwd", "' OR '1'='1", "x".repeat(3000), ""}) {
            String header = b64("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
            rejected(header + "." + part(1, access) + "." + part(2, access));
        }
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        rejectedAsBearer(refresh);
    }

    private static void rejectedAsBearer(String token) {
        Http.Reply me = http.get("/api/users/me/", "Bearer " + token);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("token_not_valid");
    }

    @Test
    void accessTokenCannotRefresh() {
        Http.Reply reply = http.post("/api/token/refresh/", "{\"refresh\":\"" + access + "\"}", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("token_not_valid");
    }

    @Test
    void jweShapedAndGarbageTokensAreRejected() {
        rejected("a.b.c.d.e");
        rejected("only.two");
        rejected("%%%.###.$$$");
    }

    @Test
    void anOversizedAuthorizationHeaderIsNotAuthenticated() {
        Http.Reply me = http.get("/api/users/me/", "Bearer " + "a".repeat(9000));
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("not_authenticated");
    }

    @Test
    void otherSchemesAreNotAuthenticated() {
        for (String header : new String[] {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token " + access}) {
            Http.Reply me = http.get("/api/users/me/", header);
            assertThat(me.status()).as(header).isEqualTo(401);
            assertThat(me.code()).as(header).isEqualTo("not_authenticated");
        }
    }
}
