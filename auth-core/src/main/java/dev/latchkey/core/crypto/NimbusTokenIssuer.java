package dev.latchkey.core.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.port.TokenIssuer;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs and verifies JWS compact tokens with nimbus-jose-jwt. Verification is strict (RFC 8725):
 * only the configured algorithm, a known {@code kid}, {@code typ: JWT}, no {@code crit} or embedded
 * key headers, the expected issuer, audience and token type, and times within a fixed leeway. Any
 * failure to verify a token, whatever its cause, is a {@link AuthFailure.TokenRejected}.
 *
 * <p>Signers and verifiers come from a {@link JwsFactory}: {@link JdkJws} unless another is given.
 */
public final class NimbusTokenIssuer implements TokenIssuer {

    /** Tokens longer than this are refused before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    static final Duration LEEWAY = Duration.ofSeconds(30);
    /** Verified tokens remembered, so a token's signature is checked once, not on every request. */
    private static final int VERIFIED_TOKENS = 10_000;

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final JwsFactory jws;
    private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();
    private final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(VERIFIED_TOKENS)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    /**
     * @param audience the {@code aud} to set and require, or null for none
     */
    public NimbusTokenIssuer(SigningKeys keys, String issuer, String audience, Clock clock) {
        this(keys, issuer, audience, clock, new JdkJws());
    }

    /**
     * @param audience the {@code aud} to set and require, or null for none
     * @param jws      makes the signer and verifier of each key
     */
    public NimbusTokenIssuer(SigningKeys keys, String issuer, String audience, Clock clock, JwsFactory jws) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = audience;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jws = Objects.requireNonNull(jws, "jws");
    }

    @Override
    public String issue(TokenClaims claims) {
        JWK key = keys.current();
        JWSHeader header = new JWSHeader.Builder(keys.jwsAlgorithm())
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(claims.userId())
                .claim("user_id", claims.userId())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(claims.jti())
                .claim("token_type", claims.type().claim())
                .claim("sid", claims.sessionId());
        if (audience != null) {
            body.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(header, body.build());
        try {
            jwt.sign(signers.computeIfAbsent(key.getKeyID(), kid -> signerFor(key)));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    @Override
    public TokenClaims verify(String token, TokenType expected) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw rejected("missing or oversized token");
        }
        // A signature is checked once per token: the cache is keyed by the whole token text, so a
        // changed byte is a different key. Times and type are checked again on every use.
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            return stillValid(known, expected);
        }
        SignedJWT jwt = parse(token);
        TokenClaims claims = verifySignedToken(jwt, expected);
        if (claims.type() == TokenType.ACCESS) {
            // A refresh token is spent once, so remembering it would only take memory.
            verified.put(token, new Verified(claims, jwt.getHeader().getKeyID()));
        }
        return claims;
    }

    private TokenClaims stillValid(Verified known, TokenType expected) {
        if (keys.find(known.kid()).isEmpty()) {
            throw rejected("key dropped");
        }
        TokenClaims claims = known.claims();
        if (!clock.instant().isBefore(claims.expiresAt().plus(LEEWAY))) {
            throw rejected("expired");
        }
        if (expected != null && claims.type() != expected) {
            throw rejected("wrong token type");
        }
        return claims;
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw rejected("not a signed JWT");
        }
    }

    private TokenClaims verifySignedToken(SignedJWT jwt, TokenType expected) {
        JWSHeader header = jwt.getHeader();
        if (!keys.jwsAlgorithm().equals(header.getAlgorithm())) {
            throw rejected("unexpected algorithm");
        }
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            throw rejected("unexpected typ");
        }
        if (header.getCriticalParams() != null || header.getJWK() != null || header.getJWKURL() != null
                || header.getX509CertURL() != null || header.getX509CertChain() != null) {
            // Latchkey never sets these; a token that carries them was not made here.
            throw rejected("unexpected header parameters");
        }
        String kid = header.getKeyID();
        JWK key = kid == null ? null : keys.find(kid).orElse(null);
        if (key == null) {
            throw rejected("unknown key");
        }
        try {
            if (!jwt.verify(verifiers.computeIfAbsent(kid, k -> verifierFor(key)))) {
                throw rejected("bad signature");
            }
            return claimsOf(jwt.getJWTClaimsSet(), expected);
        } catch (AuthFailure.TokenRejected e) {
            throw e;
        } catch (JOSEException | ParseException | RuntimeException e) {
            // A key or token the verifier cannot take (wrong key type, claims of the wrong types, ...)
            // is a token this server cannot vouch for, never a server error.
            throw rejected("unverifiable token");
        }
    }

    private TokenClaims claimsOf(JWTClaimsSet claims, TokenType expected) throws ParseException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || !now.isBefore(exp.toInstant().plus(LEEWAY))) {
            throw rejected("expired");
        }
        if (iat == null || iat.toInstant().isAfter(now.plus(LEEWAY))) {
            throw rejected("issued in the future");
        }
        if (nbf != null && nbf.toInstant().isAfter(now.plus(LEEWAY))) {
            throw rejected("not yet valid");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw rejected("wrong issuer");
        }
        List<String> aud = claims.getAudience();
        if (audience != null ? !aud.contains(audience) : !aud.isEmpty()) {
            throw rejected("wrong audience");
        }
        TokenType type = TokenType.fromClaim(claims.getStringClaim("token_type"))
                .orElseThrow(() -> rejected("unknown token type"));
        if (expected != null && type != expected) {
            throw rejected("wrong token type");
        }
        String subject = claims.getSubject();
        String sessionId = claims.getStringClaim("sid");
        String jti = claims.getJWTID();
        if (subject == null || !subject.equals(claims.getStringClaim("user_id")) || sessionId == null || jti == null) {
            throw rejected("incomplete claims");
        }
        return new TokenClaims(type, subject, sessionId, jti, iat.toInstant(), exp.toInstant());
    }

    @Override
    public String publicJwkSet() {
        return keys.publicSet().toString(true);
    }

    private JWSSigner signerFor(JWK key) {
        try {
            return jws.signer(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
    }

    private JWSVerifier verifierFor(JWK key) {
        try {
            return jws.verifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot verify with key " + key.getKeyID(), e);
        }
    }

    /** A token whose signature held, and the key that signed it. */
    private record Verified(TokenClaims claims, String kid) {
    }

    private static AuthFailure.TokenRejected rejected(String reason) {
        return new AuthFailure.TokenRejected(reason);
    }
}
