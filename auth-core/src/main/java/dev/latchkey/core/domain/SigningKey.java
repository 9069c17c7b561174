package dev.latchkey.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A key Latchkey signs tokens with, kept in storage so that every instance shares it.
 *
 * @param jwk       the key as a JSON Web Key, private part included: storage must be protected
 * @param retiredAt when a newer key took over signing; null for keys still signing
 */
public record SigningKey(String kid, String algorithm, String jwk, Instant createdAt, Instant retiredAt) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", retiredAt=" + retiredAt + "]";
    }
}
