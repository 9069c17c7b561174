package dev.latchkey.app.adversarial;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an HS256 server whose secret the test knows, every claim check can be attacked on its own:
 * each token here is correctly signed and wrong in exactly one way.
 */
class ForgedClaimsTest {

    private static final String SECRET = "adversarial-test-secret-of-at-least-32-bytes!";

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_JWT_ALG", "HS256", "AUTH_JWT_SECRET", SECRET));
    private static final Api client = server.api();
    private static SignedJWT genuine;

    @BeforeAll
    static void prepare() throws Exception {
        genuine = SignedJWT.parse(client.newSession().access());
    }

    private static String forge(UnaryOperator<JWSHeader.Builder> header, UnaryOperator<JWTClaimsSet.Builder> claims)
            throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(genuine.getHeader().getKeyID())
                .type(JOSEObjectType.JWT);
        SignedJWT jwt = new SignedJWT(header.apply(h).build(), claims.apply(new JWTClaimsSet.Builder(genuine.getJWTClaimsSet())).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static int status(String token) {
        Api.Reply me = client.me(token);
        if (me.status() != 200) {
            me.assertProblem(401, "token_not_valid");
        }
        return me.status();
    }

    private static Date secondsFromNow(long seconds) {
        return new Date(System.currentTimeMillis() + seconds * 1000);
    }

    @Test
    void aCorrectlyReSignedCopyIsAccepted() throws Exception {
        assertThat(status(forge(h -> h, c -> c))).isEqualTo(200);
    }

    @Test
    void expiredBeyondTheLeewayIsRejected() throws Exception {
        assertThat(status(forge(h -> h, c -> c.expirationTime(secondsFromNow(-120))))).isEqualTo(401);
    }

    @Test
    void issuedInTheFutureIsRejected() throws Exception {
        assertThat(status(forge(h -> h, c -> c.issueTime(secondsFromNow(600))))).isEqualTo(401);
    }

    @Test
    void notYetValidIsRejected() throws Exception {
        assertThat(status(forge(h -> h, c -> c.notBeforeTime(secondsFromNow(600))))).isEqualTo(401);
    }

    @Test
    void anotherIssuerIsRejected() throws Exception {
        assertThat(status(forge(h -> h, c -> c.issuer("someone-else")))).isEqualTo(401);
    }

    @Test
    void anAudienceNobodyConfiguredIsRejected() throws Exception {
        assertThat(status(forge(h -> h, c -> c.audience("elsewhere")))).isEqualTo(401);
    }

    @Test
    void aRefreshTypeIsNotAnAccessToken() throws Exception {
        assertThat(status(forge(h -> h, c -> c.claim("token_type", "refresh")))).isEqualTo(401);
    }

    @Test
    void anUnknownSessionIsRejected() throws Exception {
        assertThat(status(forge(h -> h, c -> c.claim("sid", "00000000-0000-0000-0000-000000000000")))).isEqualTo(401);
    }

    @Test
    void subjectAndUserIdMustAgree() throws Exception {
        assertThat(status(forge(h -> h, c -> c.claim("user_id", "00000000-0000-0000-0000-000000000000")))).isEqualTo(401);
    }

    @Test
    void aCriticalHeaderIsRejected() throws Exception {
        assertThat(status(forge(h -> h.criticalParams(java.util.Set.of("exp")), c -> c))).isEqualTo(401);
    }

    @Test
    void aTypeOtherThanJwtIsRejected() throws Exception {
        assertThat(status(forge(h -> h.type(new JOSEObjectType("at+jwt")), c -> c))).isEqualTo(401);
    }

    @Test
    void anUnknownKidIsRejected() throws Exception {
        assertThat(status(forge(h -> h.keyID("another-key"), c -> c))).isEqualTo(401);
    }
}
