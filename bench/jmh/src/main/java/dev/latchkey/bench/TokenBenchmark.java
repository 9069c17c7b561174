package dev.latchkey.bench;

import com.nimbusds.jose.JWSAlgorithm;
import dev.latchkey.core.crypto.NimbusTokenIssuer;
import dev.latchkey.core.crypto.SigningKeys;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Costs of the token work on the hot paths: signing (two per login or refresh), verifying a token
 * seen for the first time (every refresh), and verifying a token seen before (every request with
 * an access token; the signature result is cached).
 */
@State(Scope.Benchmark)
public class TokenBenchmark {

    @Param({"ES256", "RS256", "EdDSA"})
    public String algorithm;

    private NimbusTokenIssuer issuer;
    private TokenClaims claims;
    private String seenToken;
    private String[] freshTokens;
    private int next;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        issuer = new NimbusTokenIssuer(
                SigningKeys.stored(JWSAlgorithm.parse(algorithm), new InMemorySigningKeyRepository(), clock),
                "latchkey", null, clock);
        Instant now = Instant.now();
        claims = new TokenClaims(TokenType.ACCESS, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), now, now.plus(Duration.ofHours(1)));
        seenToken = issuer.issue(claims);
        issuer.verify(seenToken, TokenType.ACCESS);
        // Distinct tokens, so that each verification checks a signature rather than hitting the cache.
        freshTokens = new String[200_000];
        for (int i = 0; i < freshTokens.length; i++) {
            freshTokens[i] = issuer.issue(new TokenClaims(TokenType.ACCESS, claims.userId(), claims.sessionId(),
                    UUID.randomUUID().toString(), now, now.plus(Duration.ofHours(1))));
        }
    }

    @Benchmark
    public String sign() {
        return issuer.issue(claims);
    }

    @Benchmark
    public TokenClaims verifyFirstSight() {
        return issuer.verify(freshTokens[next++ % freshTokens.length], TokenType.ACCESS);
    }

    @Benchmark
    public TokenClaims verifySeenBefore() {
        return issuer.verify(seenToken, TokenType.ACCESS);
    }
}
