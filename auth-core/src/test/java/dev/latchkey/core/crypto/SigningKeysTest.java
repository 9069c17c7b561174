package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.core.MutableClock;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.SigningKey;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Key rotation and sharing: what {@link SigningKeys} promises, seen through the tokens it signs. */
class SigningKeysTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ISSUER = "https://auth.example.test";
    private static final String USER = "6f1c2a9e-0d7b-4c1e-9a53-2b8f4d7e1c00";
    private static final String SESSION = "0b7f5d2c-8e4a-4f3b-a1c9-7d6e5f4a3b21";

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemorySigningKeyRepository repository = new InMemorySigningKeyRepository();
    private final SigningKeys keys = SigningKeys.stored(JWSAlgorithm.ES256, repository, clock);
    private final NimbusTokenIssuer issuer = new NimbusTokenIssuer(keys, ISSUER, null, clock);

    private TokenClaims claims(TokenType type) {
        Instant now = clock.instant();
        return new TokenClaims(type, USER, SESSION, "jti-" + type.claim(), now, now.plus(Duration.ofMinutes(15)));
    }

    private JWTClaimsSet someClaims() {
        TokenClaims c = claims(TokenType.ACCESS);
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(USER).claim("user_id", USER)
                .issueTime(Date.from(c.issuedAt())).expirationTime(Date.from(c.expiresAt()))
                .jwtID(c.jti()).claim("token_type", "access").claim("sid", SESSION).build();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, ECDSASigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AuthFailure.TokenRejected.class);
    }

    @Test
    void firstKeyIsMadeAndStoredWhenStorageIsEmpty() {
        assertThat(repository.findAll()).singleElement().satisfies(stored -> {
            assertThat(stored.kid()).isEqualTo(keys.current().getKeyID());
            assertThat(stored.algorithm()).isEqualTo("ES256");
            assertThat(stored.isRetired()).isFalse();
        });
    }

    @Test
    void storedKeysAreNotMadeForHs256() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> SigningKeys.stored(JWSAlgorithm.HS256, new InMemorySigningKeyRepository(), clock));
    }

    @Test
    void sharedSecretShorterThan32BytesIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.sharedSecret(new byte[31]));
    }

    @Test
    void sharedSecretCannotBeRotated() {
        assertThatThrownBy(() -> SigningKeys.sharedSecret(new byte[32]).rotate()).isInstanceOf(IllegalStateException.class);
    }

    private static String kidOf(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    /** A token that would still be valid for days, so only its key can make it fail. */
    private String longLivedToken() {
        Instant now = clock.instant();
        return issuer.issue(new TokenClaims(TokenType.REFRESH, USER, SESSION, "j", now, now.plus(Duration.ofDays(7))));
    }

    @Test
    void rotationMakesNewTokensCarryTheNewKid() throws ParseException {
        String oldKid = keys.current().getKeyID();

        String newKid = keys.rotate();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kidOf(issuer.issue(claims(TokenType.ACCESS)))).isEqualTo(newKid);
    }

    @Test
    void tokensOfTheRetiredKeyStillVerifyAfterRotation() {
        String old = longLivedToken();

        keys.rotate();

        assertThat(issuer.verify(old, TokenType.REFRESH)).isNotNull();
    }

    @Test
    void retiredKeyStaysInThePublicSet() throws ParseException {
        String oldKid = keys.current().getKeyID();

        String newKid = keys.rotate();

        assertThat(JWKSet.parse(issuer.publicJwkSet()).getKeys()).extracting(JWK::getKeyID)
                .containsExactlyInAnyOrder(oldKid, newKid);
    }

    @Test
    void droppingRetiredKeysMakesTheirTokensFail() throws ParseException {
        String old = longLivedToken();
        String oldKid = keys.current().getKeyID();
        keys.rotate();
        assertThat(issuer.verify(old, TokenType.REFRESH)).isNotNull(); // its verifier is now warm
        clock.advance(Duration.ofMinutes(2));

        assertThat(keys.dropRetired(Duration.ofMinutes(1))).isEqualTo(1);

        assertRejected(() -> issuer.verify(old, TokenType.REFRESH));
        assertThat(JWKSet.parse(issuer.publicJwkSet()).getKeyByKeyId(oldKid)).isNull();
    }

    @Test
    void retiredKeyIsKeptWhileItsTokensMayStillLive() {
        String old = longLivedToken();
        keys.rotate();
        clock.advance(Duration.ofDays(1));

        assertThat(keys.dropRetired(Duration.ofDays(7))).isZero();

        assertThat(issuer.verify(old, TokenType.REFRESH)).isNotNull();
    }

    @Test
    void droppingNeverRemovesTheCurrentKey() {
        clock.advance(Duration.ofDays(365));

        assertThat(keys.dropRetired(Duration.ofMinutes(1))).isZero();

        assertThat(issuer.verify(issuer.issue(claims(TokenType.ACCESS)), TokenType.ACCESS)).isNotNull();
    }

    @Test
    void secondInstanceOverTheSameStorageSharesTheKey() {
        SigningKeys otherKeys = SigningKeys.stored(JWSAlgorithm.ES256, repository, clock);
        NimbusTokenIssuer otherInstance = new NimbusTokenIssuer(otherKeys, ISSUER, null, clock);

        assertThat(otherKeys.current().getKeyID()).isEqualTo(keys.current().getKeyID());
        assertThat(repository.findAll()).hasSize(1);
        assertThat(otherInstance.verify(issuer.issue(claims(TokenType.ACCESS)), TokenType.ACCESS)).isNotNull();
        assertThat(issuer.verify(otherInstance.issue(claims(TokenType.ACCESS)), TokenType.ACCESS)).isNotNull();
    }

    @Test
    void secondInstanceFindsAKeyRotatedElsewhereByLookingInStorageAgain() {
        NimbusTokenIssuer otherInstance = new NimbusTokenIssuer(
                SigningKeys.stored(JWSAlgorithm.ES256, repository, clock), ISSUER, null, clock);
        keys.rotate();
        clock.advance(Duration.ofSeconds(2));

        String token = issuer.issue(claims(TokenType.ACCESS));

        assertThat(otherInstance.verify(token, TokenType.ACCESS)).isNotNull();
    }

    @Test
    void reloadMakesARotationElsewhereCurrentHere() throws ParseException {
        SigningKeys otherKeys = SigningKeys.stored(JWSAlgorithm.ES256, repository, clock);
        NimbusTokenIssuer otherInstance = new NimbusTokenIssuer(otherKeys, ISSUER, null, clock);
        String newKid = keys.rotate();

        otherKeys.reload();

        assertThat(otherKeys.current().getKeyID()).isEqualTo(newKid);
        assertThat(kidOf(otherInstance.issue(claims(TokenType.ACCESS)))).isEqualTo(newKid);
    }

    @Test
    void unknownKidsSendTheInstanceToStorageAtMostOncePerSecond() throws JOSEException {
        InMemorySigningKeyRepository counted = spy(new InMemorySigningKeyRepository());
        SigningKeys countedKeys = SigningKeys.stored(JWSAlgorithm.ES256, counted, clock);
        NimbusTokenIssuer countedIssuer = new NimbusTokenIssuer(countedKeys, ISSUER, null, clock);
        clock.advance(Duration.ofSeconds(2));
        clearInvocations(counted);

        for (int i = 0; i < 20; i++) {
            String token = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("unknown-" + i).type(JOSEObjectType.JWT).build(),
                    someClaims(), new ECDSASigner((ECKey) countedKeys.current()));
            assertRejected(() -> countedIssuer.verify(token, TokenType.ACCESS));
        }

        verify(counted, times(1)).findAll();
    }

    @Test
    void storedKeysThatCannotSignOrVerifyAreLeftOutWhenTheyLoad() throws Exception {
        ECKey good = (ECKey) keys.current();
        String noAlg = new ECKey.Builder(good).keyID("no-alg").algorithm(null).build().toJSONString();
        String rsaAsEs256 = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("rsa-as-es256")
                .algorithm(JWSAlgorithm.ES256).generate().toJSONString();
        String publicOnly = new ECKey.Builder(good.toPublicJWK()).keyID("public-only").build().toJSONString();
        String otherKid = new ECKey.Builder(good).keyID("another-kid").build().toJSONString();
        for (String[] stored : new String[][] {{"no-alg", noAlg}, {"rsa-as-es256", rsaAsEs256},
                {"public-only", publicOnly}, {"kid-differs", otherKid}, {"not-json", "{not a jwk"}}) {
            repository.add(new SigningKey(stored[0], "ES256", stored[1], clock.instant(), null));
        }

        keys.reload();

        assertThat(keys.skipped()).containsExactlyInAnyOrder("no-alg", "rsa-as-es256", "public-only", "kid-differs", "not-json");
        assertThat(keys.current().getKeyID()).isEqualTo(good.getKeyID());
        assertThat(keys.find("no-alg")).isEmpty();
        assertThat(keys.publicSet().getKeys()).extracting(JWK::getKeyID).containsExactly(good.getKeyID());
    }

    @Test
    void aTokenNamingAnUnusableStoredKeyIsRejectedNotAServerError() throws Exception {
        ECKey good = (ECKey) keys.current();
        repository.add(new SigningKey("no-alg", "ES256",
                new ECKey.Builder(good).keyID("no-alg").algorithm(null).build().toJSONString(), clock.instant(), null));
        RSAKey rsa = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("rsa-as-es256").algorithm(JWSAlgorithm.ES256).generate();
        repository.add(new SigningKey("rsa-as-es256", "ES256", rsa.toJSONString(), clock.instant(), null));
        clock.advance(Duration.ofSeconds(2)); // past the reload limit, so an unknown kid is looked up again

        for (String kid : new String[] {"no-alg", "rsa-as-es256"}) {
            String token = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT).build(),
                    someClaims(), new ECDSASigner(good));
            assertRejected(() -> issuer.verify(token, TokenType.ACCESS));
        }
    }

    @Test
    void whenEveryUnretiredKeyIsUnusableANewOneIsMade() {
        InMemorySigningKeyRepository broken = new InMemorySigningKeyRepository();
        broken.add(new SigningKey("broken", "ES256", "{}", clock.instant(), null));

        SigningKeys loaded = SigningKeys.stored(JWSAlgorithm.ES256, broken, clock);

        assertThat(loaded.current().getKeyID()).isNotEqualTo("broken");
        assertThat(loaded.skipped()).containsExactly("broken");
    }

    @Test
    void keysRotateWhereStoredAndNotWhereFromASecret() {
        assertThat(keys.rotates()).isTrue();
        assertThat(keys.algorithm()).isEqualTo("ES256");
        assertThat(SigningKeys.sharedSecret(new byte[32]).rotates()).isFalse();
    }
}
