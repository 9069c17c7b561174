package dev.latchkey.app;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.core.crypto.NimbusTokenIssuer;
import dev.latchkey.core.crypto.SigningKeys;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AUTH_JWT_ALG=EdDSA} works in the server: it brings Tink, which nimbus-jose-jwt uses for
 * Ed25519 and which auth-core leaves to the application.
 */
class EdDsaTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void anEdDsaTokenIsSignedWithEd25519AndVerifies() throws ParseException {
        SigningKeys keys = SigningKeys.stored(JWSAlgorithm.EdDSA, new InMemorySigningKeyRepository(), clock);
        NimbusTokenIssuer issuer = new NimbusTokenIssuer(keys, "latchkey", null, clock);
        TokenClaims claims = new TokenClaims(TokenType.ACCESS, "user-1", "session-1", "jti-1", NOW, NOW.plusSeconds(900));

        String token = issuer.issue(claims);

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(issuer.verify(token, TokenType.ACCESS)).isEqualTo(claims);
    }
}
