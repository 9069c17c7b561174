package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;

/**
 * Makes the nimbus-jose-jwt signer and verifier for a key; {@link NimbusTokenIssuer} asks once per
 * key and reuses them. {@link JdkJws} is the plain one, on the JDK's own providers; a faster one
 * (e.g. a native provider for ES256) can be given instead.
 */
public interface JwsFactory {

    JWSSigner signer(JWK key) throws JOSEException;

    /** A verifier of the key's public part. */
    JWSVerifier verifier(JWK key) throws JOSEException;
}
