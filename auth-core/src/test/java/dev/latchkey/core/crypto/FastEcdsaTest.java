package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FastEcdsaTest {

    private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);
    private static final byte[] INPUT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0".getBytes(StandardCharsets.US_ASCII);

    private final ECKey key = newKey();

    @Test
    void the_native_provider_loads_and_agrees_with_bouncy_castle_on_linux_x86_64() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the native provider ships for Linux x86-64 only");

        Optional<Provider> loaded = NativeEcdsa.awaitLoaded();

        assertThat(loaded).isPresent();
        assertThat(NativeEcdsa.agreesWithBouncyCastle(loaded.get())).isTrue();
    }

    @Test
    void a_provider_that_cannot_do_ecdsa_is_not_taken() {
        assertThat(NativeEcdsa.agreesWithBouncyCastle(Security.getProvider("SunJCE"))).isFalse();
    }

    @Test
    void signatures_made_with_either_provider_verify_with_the_jdk_and_fail_for_other_input() throws JOSEException {
        ECDSAVerifier jdk = new ECDSAVerifier(key.toECPublicKey());
        for (Provider provider : providers()) {
            Base64URL signature = FastEcdsa.signer(key, provider).sign(ES256, INPUT);

            assertThat(jdk.verify(ES256, INPUT, signature)).as(provider.getName()).isTrue();
            assertThat(FastEcdsa.verifier(key, provider).verify(ES256, INPUT, signature)).as(provider.getName()).isTrue();
            assertThat(FastEcdsa.verifier(key, provider).verify(ES256, "other".getBytes(StandardCharsets.US_ASCII), signature))
                    .as(provider.getName()).isFalse();
            assertThat(FastEcdsa.verifier(newKey(), provider).verify(ES256, INPUT, signature))
                    .as(provider.getName()).isFalse();
        }
    }

    @Test
    void the_switching_signer_and_verifier_sign_and_verify_whichever_provider_is_current() throws JOSEException {
        Base64URL signature = FastEcdsa.signer(key).sign(ES256, INPUT);

        assertThat(new ECDSAVerifier(key.toECPublicKey()).verify(ES256, INPUT, signature)).isTrue();
        assertThat(FastEcdsa.verifier(key).verify(ES256, INPUT, signature)).isTrue();
        assertThat(FastEcdsa.verifier(newKey()).verify(ES256, INPUT, signature)).isFalse();
    }

    @Test
    void a_choice_serves_the_fallback_until_decided_then_keeps_its_decision() {
        AtomicReference<Optional<String>> decision = new AtomicReference<>(Optional.empty());
        AtomicInteger asked = new AtomicInteger();
        FastEcdsa.Choice<String> choice = new FastEcdsa.Choice<>("fallback", () -> {
            asked.incrementAndGet();
            return decision.get();
        });

        assertThat(choice.current()).isEqualTo("fallback");
        assertThat(choice.current()).isEqualTo("fallback");
        decision.set(Optional.of("native"));
        assertThat(choice.current()).isEqualTo("native");
        decision.set(Optional.of("something else"));
        assertThat(choice.current()).isEqualTo("native");
        assertThat(asked).hasValue(3);
    }

    @Test
    void a_switching_signer_signs_with_the_current_choice() throws JOSEException {
        ECKey other = newKey();
        JWSSigner fallback = FastEcdsa.signer(key, BouncyCastleProviderSingleton.getInstance());
        JWSSigner decided = FastEcdsa.signer(other, BouncyCastleProviderSingleton.getInstance());
        AtomicReference<Optional<JWSSigner>> decision = new AtomicReference<>(Optional.empty());
        JWSSigner signer = new FastEcdsa.SwitchingSigner(new FastEcdsa.Choice<>(fallback, decision::get));

        assertThat(new ECDSAVerifier(key.toECPublicKey()).verify(ES256, INPUT, signer.sign(ES256, INPUT))).isTrue();
        decision.set(Optional.of(decided));
        assertThat(new ECDSAVerifier(other.toECPublicKey()).verify(ES256, INPUT, signer.sign(ES256, INPUT))).isTrue();
    }

    private static Provider[] providers() {
        Provider bc = BouncyCastleProviderSingleton.getInstance();
        return NativeEcdsa.awaitLoaded().map(p -> new Provider[] {bc, p}).orElse(new Provider[] {bc});
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
