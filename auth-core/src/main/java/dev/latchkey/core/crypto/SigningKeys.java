package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.SigningKey;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.SigningKeyRepository;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The keys tokens are signed and verified with. Asymmetric keys live in a {@link SigningKeyRepository}
 * so that every instance sharing it agrees: the newest unretired key signs, every stored key verifies,
 * and an unknown {@code kid} makes this instance look again (at most once a second) for a key that
 * another instance made. With HS256 the one key is derived from a configured secret and never stored.
 */
public final class SigningKeys {

    /** The asymmetric algorithms Latchkey can make keys for. */
    public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final JWSAlgorithm algorithm;
    private final SigningKeyRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Keyring keyring;
    private volatile Instant loadedAt = Instant.MIN;

    private SigningKeys(JWSAlgorithm algorithm, SigningKeyRepository repository, AuditLog audit, Clock clock,
                        Keyring keyring) {
        this.algorithm = algorithm;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.keyring = keyring;
    }

    /** Keys kept in {@code repository}; makes the first one if there is none for {@code algorithm}. */
    public static SigningKeys stored(JWSAlgorithm algorithm, SigningKeyRepository repository, Clock clock) {
        return stored(algorithm, repository, null, clock);
    }

    /** As {@link #stored(JWSAlgorithm, SigningKeyRepository, Clock)}, recording each rotation in {@code audit}. */
    public static SigningKeys stored(JWSAlgorithm algorithm, SigningKeyRepository repository, AuditLog audit, Clock clock) {
        if (!ASYMMETRIC.contains(algorithm)) {
            throw new IllegalArgumentException("stored keys are for " + ASYMMETRIC + ", not " + algorithm);
        }
        SigningKeys keys = new SigningKeys(algorithm, repository, audit, clock, null);
        keys.reload();
        if (keys.keyring.current == null) {
            repository.add(keys.generate());
            keys.reload();
        }
        return keys;
    }

    /** One HS256 key from a shared secret of at least 32 bytes; nothing is stored or published. */
    public static SigningKeys sharedSecret(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes");
        }
        OctetSequenceKey key = new OctetSequenceKey.Builder(secret)
                .keyID(fingerprint(secret))
                .algorithm(JWSAlgorithm.HS256)
                .keyUse(KeyUse.SIGNATURE)
                .build();
        return new SigningKeys(JWSAlgorithm.HS256, null, null, Clock.systemUTC(), new Keyring(key, Map.of(key.getKeyID(), key)));
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The key new tokens are signed with. */
    public JWK current() {
        return keyring.current;
    }

    /** The key with this id, looking in storage again if this instance does not know it yet. */
    public Optional<JWK> find(String kid) {
        JWK key = keyring.byKid.get(kid);
        if (key == null && repository != null && clock.instant().isAfter(loadedAt.plus(RELOAD_AT_MOST_EVERY))) {
            reload();
            key = keyring.byKid.get(kid);
        }
        return Optional.ofNullable(key);
    }

    /** The public halves of every key that may still verify a token; empty for a shared secret. */
    public JWKSet publicSet() {
        if (repository == null) {
            return new JWKSet();
        }
        return new JWKSet(List.copyOf(keyring.byKid.values())).toPublicJWKSet();
    }

    /**
     * Makes a new key current for every instance and retires the others; they keep verifying until
     * {@link #dropRetired} removes them.
     *
     * @return the new key's id
     */
    public String rotate() {
        requireStored();
        SigningKey fresh = generate();
        repository.add(fresh);
        repository.retireAllExcept(fresh.kid(), clock.instant());
        reload();
        if (audit != null) {
            // The kid is public (it is in every token and the JWK set); the key itself never leaves storage.
            audit.record(new AuditEvent(fresh.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), AuditEvent.Type.KEY_ROTATED, null, null, null, null,
                    algorithm.getName() + " key " + fresh.kid()));
        }
        return fresh.kid();
    }

    /** Deletes keys retired longer ago than the longest a token they signed can live. @return how many */
    public int dropRetired(Duration longestTokenLifetime) {
        requireStored();
        int dropped = repository.deleteRetiredBefore(clock.instant().minus(longestTokenLifetime));
        reload();
        return dropped;
    }

    /** Reads storage again, e.g. on a schedule, so that a rotation elsewhere takes effect here. */
    public synchronized void reload() {
        requireStored();
        List<SigningKey> stored = repository.findAll().stream()
                .filter(k -> k.algorithm().equals(algorithm.getName()))
                .toList();
        Map<String, JWK> byKid = stored.stream()
                .collect(Collectors.toUnmodifiableMap(SigningKey::kid, SigningKeys::parse));
        JWK current = stored.stream().filter(k -> !k.isRetired()).findFirst()
                .map(k -> byKid.get(k.kid()))
                .orElse(null);
        keyring = new Keyring(current, byKid);
        loadedAt = clock.instant();
    }

    private SigningKey generate() {
        String kid = UUID.randomUUID().toString();
        JWKGenerator<? extends JWK> generator;
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            generator = new ECKeyGenerator(Curve.P_256);
        } else if (JWSAlgorithm.RS256.equals(algorithm)) {
            generator = new RSAKeyGenerator(2048);
        } else {
            generator = new OctetKeyPairGenerator(Curve.Ed25519);
        }
        try {
            JWK key = generator.keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
            return new SigningKey(kid, algorithm.getName(), key.toJSONString(), clock.instant(), null);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not make a " + algorithm + " key", e);
        }
    }

    private void requireStored() {
        if (repository == null) {
            throw new IllegalStateException("a shared secret is configured, not stored keys");
        }
    }

    private static JWK parse(SigningKey key) {
        try {
            return JWK.parse(key.jwk());
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key " + key.kid() + " is not a valid JWK", e);
        }
    }

    private static String fingerprint(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return "hs-" + Base64URL.encode(java.util.Arrays.copyOf(digest, 8)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Keyring(JWK current, Map<String, JWK> byKid) {
    }
}
