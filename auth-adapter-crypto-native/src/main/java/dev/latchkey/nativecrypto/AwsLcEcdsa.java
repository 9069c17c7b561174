package dev.latchkey.nativecrypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSProvider;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.latchkey.core.crypto.JdkJws;
import dev.latchkey.core.crypto.JwsFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ES256 by AWS-LC, the C and assembly library behind the Amazon Corretto Crypto Provider (ACCP),
 * which ships it for Linux x86-64: it signs and verifies P-256 several times as fast as JDK 17's own
 * provider, which is what a refresh spends most of its time on. Other keys go to {@link JdkJws}.
 *
 * <p>Loading the provider takes about 0.3 s of CPU, so it loads on a background thread once asked
 * ({@link #startLoading}; the server asks once it listens), at a low priority where the platform
 * allows; the JDK's provider signs and verifies until then. The provider is used only if it loads, passes
 * its own self-tests, and agrees with the JDK both ways on a fresh key; otherwise the JDK serves for
 * good. It is set per signer and verifier, never installed globally, and each key is turned into the
 * provider's own key object once, so its precomputation is reused on every call.
 */
final class AwsLcEcdsa implements JwsFactory {

    private final JdkJws plain = new JdkJws();
    private final CompletableFuture<Optional<Provider>> provider = new CompletableFuture<>();
    private final ThreadFactory threads;
    private final AtomicBoolean started = new AtomicBoolean();

    /** @param threads makes the thread that loads the provider */
    AwsLcEcdsa(ThreadFactory threads) {
        this.threads = threads;
    }

    /** Starts loading and checking the provider on a daemon thread, the first time it is called. */
    void startLoading() {
        if (started.compareAndSet(false, true)) {
            Thread loader = threads.newThread(() -> provider.complete(load()));
            loader.setName("latchkey-crypto-load");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** Completes, once {@link #startLoading} was called, when the provider has loaded and passed its checks (present) or failed (empty). */
    CompletableFuture<Optional<Provider>> loaded() {
        return provider;
    }

    @Override
    public JWSSigner signer(JWK key) throws JOSEException {
        if (!(key instanceof ECKey ec)) {
            return plain.signer(key);
        }
        JWSSigner fallback = plain.signer(key);
        return new SwitchingSigner(new Choice<>(fallback, () -> provider.getNow(Optional.empty()).map(p -> {
            try {
                return signer(ec, p);
            } catch (JOSEException e) {
                return fallback;
            }
        })));
    }

    @Override
    public JWSVerifier verifier(JWK key) throws JOSEException {
        if (!(key instanceof ECKey ec)) {
            return plain.verifier(key);
        }
        JWSVerifier fallback = plain.verifier(key);
        return new SwitchingVerifier(new Choice<>(fallback, () -> provider.getNow(Optional.empty()).map(p -> {
            try {
                return verifier(ec, p);
            } catch (JOSEException e) {
                return fallback;
            }
        })));
    }

    private static Optional<Provider> load() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                return Optional.empty(); // no native library for this platform
            }
            accp.assertHealthy();
            return agreesWithTheJdk(accp) ? Optional.of(accp) : Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Each side verifies the other's signature on a fresh key, and the candidate rejects it for other input. */
    static boolean agreesWithTheJdk(Provider candidate) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).generate();
            JdkJws jdk = new JdkJws();
            JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
            byte[] input = "latchkey self-check".getBytes(StandardCharsets.US_ASCII);
            byte[] other = "latchkey self-check.".getBytes(StandardCharsets.US_ASCII);
            Base64URL byCandidate = signer(key, candidate).sign(header, input);
            Base64URL byJdk = jdk.signer(key).sign(header, input);
            return jdk.verifier(key).verify(header, input, byCandidate)
                    && verifier(key, candidate).verify(header, input, byJdk)
                    && verifier(key, candidate).verify(header, input, byCandidate)
                    && !verifier(key, candidate).verify(header, other, byJdk);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    static ECDSASigner signer(ECKey key, Provider provider) throws JOSEException {
        try {
            PrivateKey own = KeyFactory.getInstance("EC", provider)
                    .generatePrivate(new PKCS8EncodedKeySpec(key.toECPrivateKey().getEncoded()));
            ECDSASigner signer = new ECDSASigner(own, key.getCurve());
            signer.getJCAContext().setProvider(provider);
            return signer;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("cannot load the EC private key", e);
        }
    }

    static ECDSAVerifier verifier(ECKey key, Provider provider) throws JOSEException {
        try {
            ECPublicKey own = (ECPublicKey) KeyFactory.getInstance("EC", provider)
                    .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded()));
            ECDSAVerifier verifier = new ECDSAVerifier(own);
            verifier.getJCAContext().setProvider(provider);
            return verifier;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("cannot load the EC public key", e);
        }
    }

    /**
     * The fallback until {@code decided} names an implementation, then that one for good. Asking is
     * a field read while the provider is still loading, so it is asked on each call until then.
     */
    static final class Choice<T> {
        private final T fallback;
        private final java.util.function.Supplier<Optional<T>> decided;
        private volatile T chosen;

        Choice(T fallback, java.util.function.Supplier<Optional<T>> decided) {
            this.fallback = fallback;
            this.decided = decided;
        }

        T current() {
            T current = chosen;
            if (current == null) {
                current = decided.get().orElse(null);
                if (current == null) {
                    return fallback;
                }
                chosen = current;
            }
            return current;
        }

        T fallback() {
            return fallback;
        }
    }

    /** What signers and verifiers that switch share: their algorithms, and the current choice's JCA context. */
    abstract static class Switching<T extends JWSProvider> implements JWSProvider {
        final Choice<T> choice;

        Switching(Choice<T> choice) {
            this.choice = choice;
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return choice.fallback().supportedJWSAlgorithms();
        }

        @Override
        public JCAContext getJCAContext() {
            return choice.current().getJCAContext();
        }
    }

    /** Signs with the current choice. */
    static final class SwitchingSigner extends Switching<JWSSigner> implements JWSSigner {
        SwitchingSigner(Choice<JWSSigner> choice) {
            super(choice);
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            return choice.current().sign(header, signingInput);
        }
    }

    /** Verifies with the current choice. */
    static final class SwitchingVerifier extends Switching<JWSVerifier> implements JWSVerifier {
        SwitchingVerifier(Choice<JWSVerifier> choice) {
            super(choice);
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            return choice.current().verify(header, signingInput, signature);
        }
    }
}
