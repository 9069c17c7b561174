package dev.latchkey.nativecrypto;

import dev.latchkey.core.crypto.BcryptEngine;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.JavaBcrypt;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up check refuses an engine that disagrees with the plain one anywhere, or fails. */
class BcryptSelfCheckTest {

    private static BcryptEngine engine(BiFunction<byte[], String, Optional<String>> hash) {
        return new BcryptEngine() {
            @Override
            public String name() {
                return "candidate";
            }

            @Override
            public Optional<String> hash(byte[] key, String setting) {
                return hash.apply(key, setting);
            }
        };
    }

    private static final JavaBcrypt PLAIN = new JavaBcrypt();

    @Test
    void theJavaLibraryAgreesWithItself() {
        assertThat(BcryptSelfCheck.agrees(PLAIN)).isTrue();
    }

    @Test
    void theKnownAnswersAreWhatTheJavaLibraryComputes() {
        for (BcryptSelfCheck.Known known : BcryptSelfCheck.KEYS) {
            assertThat(PLAIN.hash(known.key(), known.hash().substring(0, 29))).contains(known.hash());
        }
        BcryptPasswordHasher plainHasher = new BcryptPasswordHasher(4);
        BcryptSelfCheck.PASSWORDS.forEach((password, hash) -> {
            assertThat(plainHasher.verify(password, hash)).as(password).isTrue();
            assertThat(plainHasher.verify(password + "!", hash)).as(password).isFalse();
        });
    }

    @Test
    void everyCheckIsComputedByTheCandidateNoneFallsToTheJavaEngine() {
        // Like libxcrypt: a key with a zero byte is declined, and the hasher would compute it in Java.
        AtomicInteger declined = new AtomicInteger();
        BcryptEngine likeLibxcrypt = engine((key, setting) -> {
            for (byte b : key) {
                if (b == 0) {
                    declined.incrementAndGet();
                    return Optional.empty();
                }
            }
            return PLAIN.hash(key, setting);
        });

        assertThat(BcryptSelfCheck.agrees(likeLibxcrypt)).isTrue();
        assertThat(declined).hasValue(0);
    }

    @Test
    void anEngineThatCutsKeysShortIsRefused() {
        assertThat(BcryptSelfCheck.agrees(engine((key, setting) ->
                PLAIN.hash(Arrays.copyOf(key, Math.min(key.length, 8)), setting)))).isFalse();
    }

    @Test
    void anEngineThatGetsNonAsciiKeysWrongIsRefused() {
        assertThat(BcryptSelfCheck.agrees(engine((key, setting) -> {
            byte[] changed = key.clone();
            for (int i = 0; i < changed.length; i++) {
                changed[i] &= 0x7f;
            }
            return PLAIN.hash(changed, setting);
        }))).isFalse();
    }

    @Test
    void anEngineThatIgnoresTheSaltIsRefused() {
        assertThat(BcryptSelfCheck.agrees(engine((key, setting) ->
                PLAIN.hash(key, setting.substring(0, 7) + "LatchkeySelfCheckSalt.")))).isFalse();
    }

    @Test
    void anEngineThatDeclinesEveryKeyIsRefused() {
        assertThat(BcryptSelfCheck.agrees(engine((key, setting) -> Optional.empty()))).isFalse();
    }

    @Test
    void anEngineThatFailsIsRefused() {
        assertThat(BcryptSelfCheck.agrees(engine((key, setting) -> {
            throw new IllegalStateException("native failure");
        }))).isFalse();
    }
}
