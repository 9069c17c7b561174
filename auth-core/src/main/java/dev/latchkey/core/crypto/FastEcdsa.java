package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
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
        JWSSigner fallback = signer(key, bouncyCastle());
        return new SwitchingSigner(new Choice<>(fallback, () -> NativeEcdsa.ifLoaded().map(provider -> {
            try {
                return signer(key, provider);
            } catch (JOSEException e) {
                return fallback;
            }
        })));
    }

    static JWSVerifier verifier(ECKey key) throws JOSEException {
        JWSVerifier fallback = verifier(key, bouncyCastle());
        return new SwitchingVerifier(new Choice<>(fallback, () -> NativeEcdsa.ifLoaded().map(provider -> {
            try {
                return verifier(key, provider);
            } catch (JOSEException e) {
                return fallback;
            }
        })));
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

    /** Signs with the current choice. */
    record SwitchingSigner(Choice<JWSSigner> choice) implements JWSSigner {
        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            return choice.current().sign(header, signingInput);
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

    /** Verifies with the current choice. */
    record SwitchingVerifier(Choice<JWSVerifier> choice) implements JWSVerifier {
        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            return choice.current().verify(header, signingInput, signature);
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
}
