package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.latchkey.core.domain.SigningKey;
import dev.latchkey.core.port.KeyRing;
import dev.latchkey.core.port.SigningKeyRepository;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The keys tokens are signed and verified with. Asymmetric keys live in a {@link SigningKeyRepository}
 * so that every instance sharing it agrees: the newest unretired key signs, every stored key verifies,
 * and an unknown {@code kid} makes this instance look again (at most once a second) for a key that
 * another instance made. With HS256 the one key is derived from a configured secret and never stored.
 *
 * <p>Stored keys are checked as they load: a key that does not parse, names another algorithm or
 * key id, lacks its private part or is of another type or curve than the algorithm takes is left
 * out (see {@link #skipped()}), so it neither signs nor verifies anything.
 *
 * <p>EdDSA (Ed25519) keys are made and used by Tink, which nimbus-jose-jwt declares optional: choose
 * EdDSA only with {@code com.google.crypto.tink:tink} on the class path.
 */
public final class SigningKeys implements KeyRing {

    /** The asymmetric algorithms Latchkey can make keys for. */
    public static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final JWSAlgorithm algorithm;
    private final SigningKeyRepository repository;
    private final Clock clock;
    private volatile Keyring keyring;
    private volatile Instant loadedAt = Instant.MIN;

    private SigningKeys(JWSAlgorithm algorithm, SigningKeyRepository repository, Clock clock, Keyring keyring) {
        this.algorithm = algorithm;
        this.repository = repository;
        this.clock = clock;
        this.keyring = keyring;
    }

    /** Keys kept in {@code repository}; makes the first one if there is none for {@code algorithm}. */
    public static SigningKeys stored(JWSAlgorithm algorithm, SigningKeyRepository repository, Clock clock) {
        if (!ASYMMETRIC.contains(algorithm)) {
            throw new IllegalArgumentException("stored keys are for " + ASYMMETRIC + ", not " + algorithm);
        }
        if (JWSAlgorithm.EdDSA.equals(algorithm) && !tinkPresent()) {
            throw new IllegalStateException("EdDSA keys need Tink: add com.google.crypto.tink:tink to the class path,"
                    + " or choose ES256 or RS256");
        }
        SigningKeys keys = new SigningKeys(algorithm, repository, clock, null);
        keys.reload();
        if (keys.keyring.current == null) {
            repository.add(keys.generate());
            keys.reload();
        }
        return keys;
    }

    /** As {@link #stored(JWSAlgorithm, SigningKeyRepository, Clock)}, the algorithm by name: {@code ES256}, {@code RS256} or {@code EdDSA}. */
    public static SigningKeys stored(String algorithm, SigningKeyRepository repository, Clock clock) {
        return stored(JWSAlgorithm.parse(algorithm), repository, clock);
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
        return new SigningKeys(JWSAlgorithm.HS256, null, Clock.systemUTC(),
                new Keyring(key, Map.of(key.getKeyID(), key), List.of()));
    }

    /** The algorithm every key here signs with. */
    public JWSAlgorithm jwsAlgorithm() {
        return algorithm;
    }

    @Override
    public String algorithm() {
        return algorithm.getName();
    }

    @Override
    public boolean rotates() {
        return repository != null;
    }

    /** The ids of stored keys of this algorithm left out at the last load because they are unusable. */
    public List<String> skipped() {
        return keyring.skipped;
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

    @Override
    public String rotate() {
        requireStored();
        SigningKey fresh = generate();
        repository.add(fresh);
        repository.retireAllExcept(fresh.kid(), clock.instant());
        reload();
        return fresh.kid();
    }

    @Override
    public int dropRetiredBefore(Instant cutoff) {
        requireStored();
        int dropped = repository.deleteRetiredBefore(cutoff);
        reload();
        return dropped;
    }

    /** Deletes keys retired longer ago than the longest a token they signed can live. @return how many */
    public int dropRetired(Duration longestTokenLifetime) {
        return dropRetiredBefore(clock.instant().minus(longestTokenLifetime));
    }

    /** Reads storage again, e.g. on a schedule, so that a rotation elsewhere takes effect here. */
    @Override
    public synchronized void reload() {
        requireStored();
        List<SigningKey> stored = repository.findAll().stream()
                .filter(k -> k.algorithm().equals(algorithm.getName()))
                .toList();
        Map<String, JWK> byKid = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        JWK current = null;
        for (SigningKey key : stored) {
            Optional<JWK> usable = usable(key);
            if (usable.isEmpty()) {
                skipped.add(key.kid());
                continue;
            }
            byKid.put(key.kid(), usable.get());
            if (current == null && !key.isRetired()) {
                current = usable.get();
            }
        }
        keyring = new Keyring(current, Map.copyOf(byKid), List.copyOf(skipped));
        loadedAt = clock.instant();
    }

    /** The stored key as a JWK, where it is one this algorithm can sign and verify with. */
    private Optional<JWK> usable(SigningKey stored) {
        JWK jwk;
        try {
            jwk = JWK.parse(stored.jwk());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
        boolean fits = algorithm.equals(jwk.getAlgorithm())
                && stored.kid().equals(jwk.getKeyID())
                && jwk.isPrivate()
                && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))
                && fitsAlgorithm(jwk);
        return fits ? Optional.of(jwk) : Optional.empty();
    }

    private boolean fitsAlgorithm(JWK jwk) {
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return jwk instanceof RSAKey rsa && rsa.size() >= 2048;
        }
        return jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
    }

    /** Whether Tink, which nimbus-jose-jwt uses for Ed25519, can be loaded; it is not initialised here. */
    private static boolean tinkPresent() {
        try {
            Class.forName("com.google.crypto.tink.subtle.Ed25519Sign", false, SigningKeys.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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

    private static String fingerprint(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return "hs-" + Base64URL.encode(java.util.Arrays.copyOf(digest, 8)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Keyring(JWK current, Map<String, JWK> byKid, List<String> skipped) {
    }
}
