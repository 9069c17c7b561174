package dev.latchkey.core.port;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.TokenClaims;
import dev.latchkey.core.domain.TokenType;

/** Signs and checks tokens. It knows keys and claims, not sessions: those are the use cases' job. */
public interface TokenIssuer {

    String issue(TokenClaims claims);

    /**
     * Checks the token's algorithm, key, signature, type, issuer, audience and times.
     *
     * @param expected the type the caller takes, or null to take either
     * @throws AuthFailure.TokenRejected when anything is wrong
     */
    TokenClaims verify(String token, TokenType expected);

    /** The public JWK set as JSON, for {@code /.well-known/jwks.json}. */
    String publicJwkSet();
}
