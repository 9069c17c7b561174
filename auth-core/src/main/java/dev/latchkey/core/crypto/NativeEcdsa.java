package dev.latchkey.core.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * P-256 ECDSA by AWS-LC, the C and assembly library behind the Amazon Corretto Crypto Provider
 * (ACCP), which ships it for Linux x86-64. It signs about four times and verifies about 1.7 times
 * as fast as Bouncy Castle on JDK 17, which is what a refresh spends most of its time on.
 *
 * <p>Loading the provider takes about 0.4 s, so it loads on a background thread, started by the first
 * signer or verifier made; {@link FastEcdsa} uses Bouncy Castle until then. The provider is used only
 * if it loads, passes its own self-tests, and agrees with Bouncy Castle both ways on a fresh key;
 * otherwise Bouncy Castle serves for good. {@code -Dlatchkey.nativeCrypto=false} keeps it unloaded.
 */
final class NativeEcdsa {

    /** The system property that, set to {@code false}, keeps the native provider out. */
    static final String PROPERTY = "latchkey.nativeCrypto";

    private static final CompletableFuture<Optional<Provider>> PROVIDER = new CompletableFuture<>();

    static {
        Thread loader = new Thread(() -> PROVIDER.complete(load()), "latchkey-crypto-load");
        loader.setDaemon(true);
        loader.start();
    }

    private NativeEcdsa() {
    }

    /** The native provider if it has loaded and passed its checks; empty while loading or if it did not. */
    static Optional<Provider> ifLoaded() {
        return PROVIDER.getNow(Optional.empty());
    }

    /** Waits for loading to end: the native provider, or empty if it is missing or failed its checks. */
    static Optional<Provider> awaitLoaded() {
        return PROVIDER.join();
    }

    private static Optional<Provider> load() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return Optional.empty();
        }
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                return Optional.empty(); // no native library for this platform
            }
            provider.assertHealthy();
            return agreesWithBouncyCastle(provider) ? Optional.of(provider) : Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Each provider verifies the other's signature on a fresh key, and rejects it for other input. */
    static boolean agreesWithBouncyCastle(Provider candidate) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).generate();
            Provider bc = BouncyCastleProviderSingleton.getInstance();
            JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
            byte[] input = "latchkey self-check".getBytes(StandardCharsets.US_ASCII);
            byte[] other = "latchkey self-check.".getBytes(StandardCharsets.US_ASCII);
            Base64URL byCandidate = FastEcdsa.signer(key, candidate).sign(header, input);
            Base64URL byBc = FastEcdsa.signer(key, bc).sign(header, input);
            return FastEcdsa.verifier(key, bc).verify(header, input, byCandidate)
                    && FastEcdsa.verifier(key, candidate).verify(header, input, byBc)
                    && FastEcdsa.verifier(key, candidate).verify(header, input, byCandidate)
                    && !FastEcdsa.verifier(key, candidate).verify(header, other, byBc);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }
}
