package dev.latchkey.nativecrypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.latchkey.core.crypto.JdkJws;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AwsLcEcdsaTest {

    private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);
    private static final byte[] INPUT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0".getBytes(StandardCharsets.US_ASCII);
    private static final AwsLcEcdsa FACTORY = new AwsLcEcdsa(Thread::new);

    static {
        FACTORY.startLoading();
    }

    private final ECKey key = newKey();

    @Test
    void theNativeProviderLoadsAndAgreesWithTheJdkOnLinuxX8664() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the native provider ships for Linux x86-64 only");

        Optional<Provider> loaded = FACTORY.loaded().join();

        assertThat(loaded).isPresent();
        assertThat(AwsLcEcdsa.agreesWithTheJdk(loaded.get())).isTrue();
    }

    @Test
    void aProviderThatCannotDoEcdsaIsNotTaken() {
        assertThat(AwsLcEcdsa.agreesWithTheJdk(Security.getProvider("SunJCE"))).isFalse();
    }

    @Test
    void signaturesOfTheNativeProviderVerifyWithTheJdkAndFailForOtherInput() throws JOSEException {
        Optional<Provider> loaded = FACTORY.loaded().join();
        assumeTrue(loaded.isPresent(), "the native provider did not load here");
        Provider provider = loaded.get();
        Base64URL signature = AwsLcEcdsa.signer(key, provider).sign(ES256, INPUT);

        assertThat(new ECDSAVerifier(key.toECPublicKey()).verify(ES256, INPUT, signature)).isTrue();
        assertThat(AwsLcEcdsa.verifier(key, provider).verify(ES256, INPUT, signature)).isTrue();
        assertThat(AwsLcEcdsa.verifier(key, provider).verify(ES256, "other".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        assertThat(AwsLcEcdsa.verifier(newKey(), provider).verify(ES256, INPUT, signature)).isFalse();
    }

    @Test
    void theFactorysSignerAndVerifierWorkWhicheverProviderIsCurrent() throws JOSEException {
        Base64URL signature = FACTORY.signer(key).sign(ES256, INPUT);

        assertThat(new ECDSAVerifier(key.toECPublicKey()).verify(ES256, INPUT, signature)).isTrue();
        assertThat(FACTORY.verifier(key).verify(ES256, INPUT, signature)).isTrue();
        assertThat(FACTORY.verifier(newKey()).verify(ES256, INPUT, signature)).isFalse();
    }

    @Test
    void keysOtherThanEcGoToTheJdk() throws JOSEException {
        var rsa = new RSAKeyGenerator(2048).generate();

        assertThat(FACTORY.signer(rsa).getClass()).isEqualTo(new JdkJws().signer(rsa).getClass());
    }

    @Test
    void aChoiceServesTheFallbackUntilDecidedThenKeepsItsDecision() {
        AtomicReference<Optional<String>> decision = new AtomicReference<>(Optional.empty());
        AtomicInteger asked = new AtomicInteger();
        AwsLcEcdsa.Choice<String> choice = new AwsLcEcdsa.Choice<>("fallback", () -> {
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
    void aSwitchingSignerSignsWithTheCurrentChoice() throws JOSEException {
        ECKey other = newKey();
        JWSSigner fallback = new JdkJws().signer(key);
        JWSSigner decided = new JdkJws().signer(other);
        AtomicReference<Optional<JWSSigner>> decision = new AtomicReference<>(Optional.empty());
        JWSSigner signer = new AwsLcEcdsa.SwitchingSigner(new AwsLcEcdsa.Choice<>(fallback, decision::get));

        assertThat(new ECDSAVerifier(key.toECPublicKey()).verify(ES256, INPUT, signer.sign(ES256, INPUT))).isTrue();
        decision.set(Optional.of(decided));
        assertThat(new ECDSAVerifier(other.toECPublicKey()).verify(ES256, INPUT, signer.sign(ES256, INPUT))).isTrue();
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
