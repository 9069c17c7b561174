package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.core.MutableClock;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NimbusTokenIssuerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ISSUER = "https://auth.example.test";
    private static final String USER = "6f1c2a9e-0d7b-4c1e-9a53-2b8f4d7e1c00";
    private static final String SESSION = "0b7f5d2c-8e4a-4f3b-a1c9-7d6e5f4a3b21";
    private static final Duration ACCESS_TTL = Duration.ofMinutes(15);

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemorySigningKeyRepository repository = new InMemorySigningKeyRepository();
    private final SigningKeys keys = SigningKeys.stored(JWSAlgorithm.ES256, repository, clock);
    private final NimbusTokenIssuer issuer = new NimbusTokenIssuer(keys, ISSUER, null, clock);

    private TokenClaims claims(TokenType type) {
        Instant now = clock.instant();
        return new TokenClaims(type, USER, SESSION, "jti-" + type.claim(), now, now.plus(ACCESS_TTL));
    }

    private static void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AuthFailure.TokenRejected.class);
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static SignedJWT parse(String token) throws ParseException {
        return SignedJWT.parse(token);
    }

    /** The claims Latchkey would put in an access token, for building tokens by hand. */
    private JWTClaimsSet.Builder handMadeClaims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(USER)
                .claim("user_id", USER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ACCESS_TTL)))
                .jwtID("jti-hand-made")
                .claim("token_type", "access")
                .claim("sid", SESSION);
    }

    private JWSHeader.Builder handMadeHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.current().getKeyID()).type(JOSEObjectType.JWT);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String signWithTheRealKey(JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        return sign(header, claims, new ECDSASigner((ECKey) keys.current()));
    }

    private String handMade() throws JOSEException {
        return signWithTheRealKey(handMadeHeader().build(), handMadeClaims().build());
    }

    private static ECKey attackerKey(String kid) throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    }

    @Nested
    class RoundTrip {

        @Test
        void issuedTokenVerifiesToTheSameClaims() {
            TokenClaims claims = claims(TokenType.ACCESS);

            assertThat(issuer.verify(issuer.issue(claims), TokenType.ACCESS)).isEqualTo(claims);
        }

        @Test
        void headerNamesTheAlgorithmKeyAndType() throws ParseException {
            JWSHeader header = parse(issuer.issue(claims(TokenType.ACCESS))).getHeader();

            assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(header.getKeyID()).isEqualTo(keys.current().getKeyID());
            assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);
        }

        @Test
        void payloadCarriesTheSimplejwtClaims() throws ParseException {
            JWTClaimsSet body = parse(issuer.issue(claims(TokenType.REFRESH))).getJWTClaimsSet();

            assertThat(body.getIssuer()).isEqualTo(ISSUER);
            assertThat(body.getSubject()).isEqualTo(USER);
            assertThat(body.getStringClaim("user_id")).isEqualTo(USER);
            assertThat(body.getStringClaim("sid")).isEqualTo(SESSION);
            assertThat(body.getStringClaim("token_type")).isEqualTo("refresh");
            assertThat(body.getJWTID()).isEqualTo("jti-refresh");
            assertThat(body.getIssueTime().toInstant()).isEqualTo(T0);
            assertThat(body.getExpirationTime().toInstant()).isEqualTo(T0.plus(ACCESS_TTL));
            assertThat(body.getAudience()).isEmpty();
        }

        @Test
        void configuredAudienceIsSetAndAccepted() throws ParseException {
            NimbusTokenIssuer withAudience = new NimbusTokenIssuer(keys, ISSUER, "latchkey-api", clock);
            String token = withAudience.issue(claims(TokenType.ACCESS));

            assertThat(parse(token).getJWTClaimsSet().getAudience()).containsExactly("latchkey-api");
            assertThat(withAudience.verify(token, TokenType.ACCESS).userId()).isEqualTo(USER);
        }

        @Test
        void eitherTypeIsAcceptedWhenNoneIsExpected() {
            assertThat(issuer.verify(issuer.issue(claims(TokenType.ACCESS)), null).type()).isEqualTo(TokenType.ACCESS);
            assertThat(issuer.verify(issuer.issue(claims(TokenType.REFRESH)), null).type()).isEqualTo(TokenType.REFRESH);
        }

        @Test
        void handMadeTokenLikeLatchkeysOwnIsAccepted() throws JOSEException {
            // The control for the hand-made attacks below: each changes one thing of this token.
            assertThat(issuer.verify(handMade(), TokenType.ACCESS).jti()).isEqualTo("jti-hand-made");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ES256", "RS256"})
        void everyStoredAlgorithmRoundTrips(String algorithm) throws ParseException {
            SigningKeys stored = SigningKeys.stored(JWSAlgorithm.parse(algorithm), new InMemorySigningKeyRepository(), clock);
            NimbusTokenIssuer other = new NimbusTokenIssuer(stored, ISSUER, null, clock);
            TokenClaims claims = claims(TokenType.ACCESS);

            String token = other.issue(claims);

            assertThat(parse(token).getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
            assertThat(other.verify(token, TokenType.ACCESS)).isEqualTo(claims);
        }

        @Test
        void eddsaWithoutTinkOnTheClassPathIsRefusedAtOnceSayingWhatIsMissing() {
            // auth-core's tests run as an embedder's would: nimbus-jose-jwt without its optional Tink.
            assertThatThrownBy(() -> SigningKeys.stored(JWSAlgorithm.EdDSA, new InMemorySigningKeyRepository(), clock))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.google.crypto.tink:tink");
        }

        @Test
        void sharedSecretRoundTripsWithHs256() throws ParseException {
            NimbusTokenIssuer hs = new NimbusTokenIssuer(
                    SigningKeys.sharedSecret("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
                    ISSUER, null, clock);
            TokenClaims claims = claims(TokenType.REFRESH);

            String token = hs.issue(claims);

            assertThat(parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
            assertThat(hs.verify(token, TokenType.REFRESH)).isEqualTo(claims);
        }

        @Test
        void anotherSharedSecretDoesNotVerify() {
            NimbusTokenIssuer ours = new NimbusTokenIssuer(
                    SigningKeys.sharedSecret("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
                    ISSUER, null, clock);
            NimbusTokenIssuer theirs = new NimbusTokenIssuer(
                    SigningKeys.sharedSecret("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8)),
                    ISSUER, null, clock);

            assertRejected(() -> ours.verify(theirs.issue(claims(TokenType.ACCESS)), TokenType.ACCESS));
        }
    }

    @Nested
    class PublicJwkSet {

        @ParameterizedTest
        @ValueSource(strings = {"ES256", "RS256"})
        void publicSetHoldsNoPrivatePart(String algorithm) throws ParseException {
            SigningKeys stored = SigningKeys.stored(JWSAlgorithm.parse(algorithm), new InMemorySigningKeyRepository(), clock);
            String json = new NimbusTokenIssuer(stored, ISSUER, null, clock).publicJwkSet();

            JWKSet set = JWKSet.parse(json);
            assertThat(set.getKeys()).singleElement().satisfies(key -> {
                assertThat(key.isPrivate()).isFalse();
                assertThat(key.getKeyID()).isEqualTo(stored.current().getKeyID());
            });
            assertThat(json).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
        }

        @Test
        void publicSetIsEmptyForASharedSecret() throws ParseException {
            String json = new NimbusTokenIssuer(SigningKeys.sharedSecret(new byte[32]), ISSUER, null, clock).publicJwkSet();

            assertThat(JWKSet.parse(json).getKeys()).isEmpty();
            assertThat(json).doesNotContain("\"k\"");
        }
    }

    @Nested
    class Adversarial {

        @Test
        void algNoneTokenIsRejected() {
            String header = "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + keys.current().getKeyID() + "\"}";
            String token = b64(header) + "." + b64(handMadeClaims().build().toString()) + ".";

            assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
        }

        @Test
        void algNoneTokenWithAnySpellingIsRejected() {
            for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
                String header = "{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"" + keys.current().getKeyID() + "\"}";
                String token = b64(header) + "." + b64(handMadeClaims().build().toString()) + ".";

                assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
            }
        }

        @Test
        void hs256TokenKeyedWithThePublicKeyIsRejected() throws JOSEException {
            JWK publicJwk = keys.current().toPublicJWK();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicJwk.getKeyID()).type(JOSEObjectType.JWT).build();

            String withDerBytes = sign(header, handMadeClaims().build(),
                    new MACSigner(((ECKey) publicJwk).toPublicKey().getEncoded()));
            String withJwkJson = sign(header, handMadeClaims().build(),
                    new MACSigner(publicJwk.toJSONString().getBytes(StandardCharsets.UTF_8)));

            assertRejected(() -> issuer.verify(withDerBytes, TokenType.ACCESS));
            assertRejected(() -> issuer.verify(withJwkJson, TokenType.ACCESS));
        }

        @Test
        void tokenSignedByAnAttackerKeyEmbeddedInTheHeaderIsRejected() throws JOSEException {
            ECKey attacker = attackerKey(keys.current().getKeyID());
            JWSHeader header = handMadeHeader().jwk(attacker.toPublicJWK()).build();

            assertRejected(() -> issuer.verify(sign(header, handMadeClaims().build(), new ECDSASigner(attacker)),
                    TokenType.ACCESS));
        }

        @Test
        void embeddedJwkHeaderIsRejectedEvenWithAGoodSignature() throws JOSEException {
            JWSHeader header = handMadeHeader().jwk(keys.current().toPublicJWK()).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(header, handMadeClaims().build()), TokenType.ACCESS));
        }

        @Test
        void keyUrlHeadersAreRejected() throws JOSEException {
            URI attackerUrl = URI.create("https://attacker.example/jwks.json");
            String jku = signWithTheRealKey(handMadeHeader().jwkURL(attackerUrl).build(), handMadeClaims().build());
            String x5u = signWithTheRealKey(handMadeHeader().x509CertURL(attackerUrl).build(), handMadeClaims().build());

            assertRejected(() -> issuer.verify(jku, TokenType.ACCESS));
            assertRejected(() -> issuer.verify(x5u, TokenType.ACCESS));
        }

        @Test
        void tokenSignedByAnUnknownKeyIsRejected() throws JOSEException {
            ECKey attacker = attackerKey("attacker-kid");
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("attacker-kid").type(JOSEObjectType.JWT).build();

            assertRejected(() -> issuer.verify(sign(header, handMadeClaims().build(), new ECDSASigner(attacker)),
                    TokenType.ACCESS));
        }

        @Test
        void tokenSignedByAnAttackerUnderTheRealKidIsRejected() throws JOSEException {
            ECKey attacker = attackerKey(keys.current().getKeyID());

            assertRejected(() -> issuer.verify(sign(handMadeHeader().build(), handMadeClaims().build(),
                    new ECDSASigner(attacker)), TokenType.ACCESS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"../../../../../../dev/null", "/etc/passwd", "' OR '1'='1' --", "x\"; DROP TABLE signing_keys; --",
                "%00", ""})
        void kidNamingNoStoredKeyIsRejectedEvenWithAGoodSignature(String kid) throws JOSEException {
            String token = signWithTheRealKey(handMadeHeader().keyID(kid).build(), handMadeClaims().build());

            assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
        }

        @Test
        void tokenWithoutKidIsRejected() throws JOSEException {
            String token = signWithTheRealKey(handMadeHeader().keyID(null).build(), handMadeClaims().build());

            assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
        }

        @Test
        void strippedSignatureIsRejected() throws JOSEException {
            String token = handMade();
            String unsigned = token.substring(0, token.lastIndexOf('.') + 1);

            assertRejected(() -> issuer.verify(unsigned, TokenType.ACCESS));
            assertRejected(() -> issuer.verify(unsigned.substring(0, unsigned.length() - 1), TokenType.ACCESS));
        }

        @Test
        void allZeroEcdsaSignatureIsRejected() throws JOSEException {
            // r = s = 0: the "psychic signature" that some JDKs once accepted (CVE-2022-21449).
            String token = handMade();
            String zeroed = token.substring(0, token.lastIndexOf('.') + 1) + Base64URL.encode(new byte[64]);

            assertRejected(() -> issuer.verify(zeroed, TokenType.ACCESS));
        }

        @Test
        void tamperedPayloadIsRejected() throws JOSEException {
            String[] parts = handMade().split("\\.");
            String forged = handMadeClaims().subject("someone-else").claim("user_id", "someone-else").build().toString();
            String token = parts[0] + "." + b64(forged) + "." + parts[2];

            assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
        }

        @Test
        void tamperedHeaderIsRejected() throws JOSEException {
            String[] parts = handMade().split("\\.");
            String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + keys.current().getKeyID() + "\",\"x\":1}";

            assertRejected(() -> issuer.verify(b64(header) + "." + parts[1] + "." + parts[2], TokenType.ACCESS));
        }

        @Test
        void tokenIsAcceptedJustInsideTheLeewayAfterItsExpiry() {
            String token = issuer.issue(claims(TokenType.ACCESS));
            clock.advance(ACCESS_TTL.plusSeconds(29));

            assertThat(issuer.verify(token, TokenType.ACCESS)).isNotNull();
        }

        @Test
        void tokenIsRejectedOnceTheLeewayAfterItsExpiryHasPassed() {
            String token = issuer.issue(claims(TokenType.ACCESS));
            clock.advance(ACCESS_TTL.plusSeconds(30));

            assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
        }

        @Test
        void tokenIssuedMoreThanTheLeewayInTheFutureIsRejected() {
            Instant later = clock.instant().plusSeconds(31);
            String token = issuer.issue(new TokenClaims(TokenType.ACCESS, USER, SESSION, "j", later, later.plus(ACCESS_TTL)));

            assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
        }

        @Test
        void tokenIssuedWithinTheLeewayInTheFutureIsAccepted() {
            Instant later = clock.instant().plusSeconds(30);
            String token = issuer.issue(new TokenClaims(TokenType.ACCESS, USER, SESSION, "j", later, later.plus(ACCESS_TTL)));

            assertThat(issuer.verify(token, TokenType.ACCESS)).isNotNull();
        }

        @Test
        void notBeforeMoreThanTheLeewayInTheFutureIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().notBeforeTime(Date.from(clock.instant().plusSeconds(31))).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS));
        }

        @Test
        void notBeforeWithinTheLeewayIsAccepted() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().notBeforeTime(Date.from(clock.instant().plusSeconds(29))).build();

            assertThat(issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS)).isNotNull();
        }

        @Test
        void tokenWithoutExpiryIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().expirationTime(null).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS));
        }

        @Test
        void tokenWithoutIssueTimeIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().issueTime(null).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS));
        }

        @Test
        void tokenOfAnotherIssuerIsRejected() {
            NimbusTokenIssuer other = new NimbusTokenIssuer(keys, "https://evil.example", null, clock);

            assertRejected(() -> issuer.verify(other.issue(claims(TokenType.ACCESS)), TokenType.ACCESS));
        }

        @Test
        void tokenWithoutIssuerIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().issuer(null).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS));
        }

        @Test
        void tokenWithoutTheConfiguredAudienceIsRejected() {
            NimbusTokenIssuer withAudience = new NimbusTokenIssuer(keys, ISSUER, "latchkey-api", clock);

            assertRejected(() -> withAudience.verify(issuer.issue(claims(TokenType.ACCESS)), TokenType.ACCESS));
        }

        @Test
        void tokenForAnotherAudienceIsRejected() {
            NimbusTokenIssuer ours = new NimbusTokenIssuer(keys, ISSUER, "latchkey-api", clock);
            NimbusTokenIssuer theirs = new NimbusTokenIssuer(keys, ISSUER, "billing-api", clock);

            assertRejected(() -> ours.verify(theirs.issue(claims(TokenType.ACCESS)), TokenType.ACCESS));
        }

        @Test
        void tokenWithAnAudienceIsRejectedWhenNoneIsConfigured() {
            NimbusTokenIssuer withAudience = new NimbusTokenIssuer(keys, ISSUER, "latchkey-api", clock);

            assertRejected(() -> issuer.verify(withAudience.issue(claims(TokenType.ACCESS)), TokenType.ACCESS));
        }

        @Test
        void accessTokenIsNotARefreshToken() {
            assertRejected(() -> issuer.verify(issuer.issue(claims(TokenType.ACCESS)), TokenType.REFRESH));
        }

        @Test
        void refreshTokenIsNotAnAccessToken() {
            assertRejected(() -> issuer.verify(issuer.issue(claims(TokenType.REFRESH)), TokenType.ACCESS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"id", "ACCESS", ""})
        void unknownTokenTypeIsRejected(String type) throws JOSEException {
            JWTClaimsSet body = handMadeClaims().claim("token_type", type).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), null));
        }

        @Test
        void tokenTypeOfTheWrongJsonTypeIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().claim("token_type", 1).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), null));
        }

        @Test
        void userIdDifferentFromSubjectIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().claim("user_id", "someone-else").build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS));
        }

        @Test
        void tokenWithoutSessionIdIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().claim("sid", null).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS));
        }

        @Test
        void tokenWithoutJtiIsRejected() throws JOSEException {
            JWTClaimsSet body = handMadeClaims().jwtID(null).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(handMadeHeader().build(), body), TokenType.ACCESS));
        }

        @Test
        void critHeaderIsRejected() throws JOSEException {
            JWSHeader header = handMadeHeader().criticalParams(Set.of("urn:example:policy"))
                    .customParam("urn:example:policy", "strict").build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(header, handMadeClaims().build()), TokenType.ACCESS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"at+jwt", "JOSE"})
        void otherTypHeaderIsRejected(String typ) throws JOSEException {
            JWSHeader header = handMadeHeader().type(new JOSEObjectType(typ)).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(header, handMadeClaims().build()), TokenType.ACCESS));
        }

        @Test
        void missingTypHeaderIsRejected() throws JOSEException {
            JWSHeader header = handMadeHeader().type(null).build();

            assertRejected(() -> issuer.verify(signWithTheRealKey(header, handMadeClaims().build()), TokenType.ACCESS));
        }

        @Test
        void oversizedTokenIsRejectedEvenWithAGoodSignature() throws JOSEException {
            String small = signWithTheRealKey(handMadeHeader().build(), handMadeClaims().claim("pad", "x".repeat(1000)).build());
            String oversized = signWithTheRealKey(handMadeHeader().build(), handMadeClaims().claim("pad", "x".repeat(4000)).build());

            assertThat(small).hasSizeLessThan(NimbusTokenIssuer.MAX_TOKEN_LENGTH);
            assertThat(issuer.verify(small, TokenType.ACCESS)).isNotNull();
            assertThat(oversized).hasSizeGreaterThan(NimbusTokenIssuer.MAX_TOKEN_LENGTH);
            assertRejected(() -> issuer.verify(oversized, TokenType.ACCESS));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "garbage", "a.b.c", "...", "a.b.c.d.e", "eyJ.eyJ.eyJ", "\u0000", "Bearer x.y.z",
                "eyJhbGciOiJFUzI1NiJ9.e30.", "e30.e30.e30", "W10.W10.W10", "bnVsbA.bnVsbA.bnVsbA", "!!!.???.***"})
        void garbageIsRejected(String garbage) {
            assertRejected(() -> issuer.verify(garbage, TokenType.ACCESS));
        }

        @Test
        void tokenWithOneSignatureCharacterChangedIsRejected() {
            String token = issuer.issue(claims(TokenType.ACCESS));
            int at = token.lastIndexOf('.') + 10;
            String changed = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

            assertRejected(() -> issuer.verify(changed, TokenType.ACCESS));
        }

        @Test
        void tokenWithACharacterAppendedIsRejected() {
            String token = issuer.issue(claims(TokenType.ACCESS));

            assertRejected(() -> issuer.verify(token + "A", TokenType.ACCESS));
        }

        @Test
        void tokenOfAHs256IssuerIsRejectedByAnEs256Issuer() {
            NimbusTokenIssuer hs = new NimbusTokenIssuer(SigningKeys.sharedSecret(new byte[32]), ISSUER, null, clock);

            assertRejected(() -> issuer.verify(hs.issue(claims(TokenType.ACCESS)), TokenType.ACCESS));
        }
    }

    @Nested
    class Factories {

        @Test
        void aVerifierThatFailsInAnyWayRejectsTheTokenInsteadOfFailingTheServer() throws Exception {
            JwsFactory breaking = new JwsFactory() {
                @Override
                public JWSSigner signer(JWK key) throws JOSEException {
                    return new JdkJws().signer(key);
                }

                @Override
                public JWSVerifier verifier(JWK key) {
                    throw new ClassCastException("a key of an unexpected type");
                }
            };
            NimbusTokenIssuer withBrokenVerifier = new NimbusTokenIssuer(keys, ISSUER, null, clock, breaking);
            String token = withBrokenVerifier.issue(claims(TokenType.ACCESS));

            assertRejected(() -> withBrokenVerifier.verify(token, TokenType.ACCESS));
        }

        @Test
        void theGivenFactoryMakesTheSignerAndVerifierOncePerKey() {
            java.util.List<String> made = new java.util.concurrent.CopyOnWriteArrayList<>();
            JwsFactory counting = new JwsFactory() {
                @Override
                public JWSSigner signer(JWK key) throws JOSEException {
                    made.add("signer " + key.getKeyID());
                    return new JdkJws().signer(key);
                }

                @Override
                public JWSVerifier verifier(JWK key) throws JOSEException {
                    made.add("verifier " + key.getKeyID());
                    return new JdkJws().verifier(key);
                }
            };
            NimbusTokenIssuer counted = new NimbusTokenIssuer(keys, ISSUER, null, clock, counting);
            String kid = keys.current().getKeyID();

            for (int i = 0; i < 3; i++) {
                counted.verify(counted.issue(claims(TokenType.REFRESH)), TokenType.REFRESH);
            }

            assertThat(made).containsExactly("signer " + kid, "verifier " + kid);
        }
    }
}
