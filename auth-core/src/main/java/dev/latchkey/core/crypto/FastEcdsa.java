package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSProvider;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * ECDSA signers and verifiers for the hot path of login and refresh, by the fastest provider at hand.
 * JDK 17's P-256 code is several times slower than either of them.
 *
 * <ul>
 *   <li>{@link NativeEcdsa} (AWS-LC through the Amazon Corretto Crypto Provider, Linux x86-64) once it
 *       has loaded in the background;</li>
 *   <li>Bouncy Castle until then, and wherever the native provider is missing or fails its checks.</li>
 * </ul>
 *
 * The keys are turned into the provider's own key objects once per key, so that its tables and
 * precomputation are reused on every call instead of being rebuilt from JDK key parameters. The
 * providers are set per signer and verifier; neither is installed globally.
 */
final class FastEcdsa {

    private FastEcdsa() {
    }

    static JWSSigner signer(ECKey key) throws JOSEException {
        return new SwitchingSigner(nativeOnceLoaded(signer(key, bouncyCastle()), provider -> signer(key, provider)));
    }

    static JWSVerifier verifier(ECKey key) throws JOSEException {
        return new SwitchingVerifier(nativeOnceLoaded(verifier(key, bouncyCastle()), provider -> verifier(key, provider)));
    }

    /** Makes a signer or verifier whose key is loaded into the given provider. */
    private interface KeyLoader<T> {
        T load(Provider provider) throws JOSEException;
    }

    /** The fallback until the native provider has loaded, then one made for it (or the fallback, if that fails). */
    private static <T> Choice<T> nativeOnceLoaded(T fallback, KeyLoader<T> loader) {
        return new Choice<>(fallback, () -> NativeEcdsa.ifLoaded().map(provider -> {
            try {
                return loader.load(provider);
            } catch (JOSEException e) {
                return fallback;
            }
        }));
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

    private static Provider bouncyCastle() {
        return BouncyCastleProviderSingleton.getInstance();
    }

    /**
     * The fallback until {@code decided} names an implementation, then that one for good. Asking is
     * a field read while the native provider is still loading, so it is asked on each call until then.
     */
    static final class Choice<T> {
        private final T fallback;
        private final Supplier<Optional<T>> decided;
        private volatile T chosen;

        Choice(T fallback, Supplier<Optional<T>> decided) {
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
