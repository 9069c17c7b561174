package dev.latchkey.nativecrypto;

import dev.latchkey.core.crypto.BcryptEngine;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bcrypt by libxcrypt against the Java library: a hash made by either must verify with the other,
 * for passwords of every length, script and byte. Skipped where the system has no libxcrypt.
 */
class LibxcryptTest {

    private static final int COST = 4;
    private static final int CASES = 300;

    private static BcryptEngine libxcrypt;
    private static BcryptPasswordHasher viaLibxcrypt;
    private static final BcryptPasswordHasher viaJava = new BcryptPasswordHasher(COST);

    @BeforeAll
    static void loadLibxcrypt() {
        Optional<BcryptEngine> loaded = Libxcrypt.load();
        assumeTrue(loaded.isPresent(), "libxcrypt (libcrypt.so.1) is not on this machine");
        libxcrypt = loaded.get();
        viaLibxcrypt = new BcryptPasswordHasher(COST, libxcrypt);
    }

    @Test
    void libxcryptPassesTheStartUpCheckAndIsChosen() {
        assertThat(BcryptSelfCheck.agrees(libxcrypt)).isTrue();
        assertThat(NativeCrypto.load().bcrypt().name()).isEqualTo("libxcrypt");
    }

    @Test
    void hashesMadeByEitherVerifyWithTheOther() {
        Random random = new Random(20261125);
        for (int i = 0; i < CASES; i++) {
            String password = randomPassword(random);
            String wrong = password + "!";

            String nativeHash = viaLibxcrypt.hash(password);
            String javaHash = viaJava.hash(password);

            assertThat(viaJava.verify(password, nativeHash)).as("Java verifies libxcrypt's hash of case %d", i).isTrue();
            assertThat(viaLibxcrypt.verify(password, javaHash)).as("libxcrypt verifies Java's hash of case %d", i).isTrue();
            assertThat(viaLibxcrypt.verify(wrong, javaHash)).as("wrong password, case %d", i).isFalse();
            assertThat(viaJava.verify(wrong, nativeHash)).as("wrong password, case %d", i).isFalse();
        }
    }

    @Test
    void libxcryptComputesThe2a2bAnd2yHashesOfEveryInRangeCostItself() {
        byte[] key = "purple-otter-meadow".getBytes(StandardCharsets.US_ASCII);
        for (int cost : new int[] {4, 5, 6}) {
            String setting = String.format("$2b$%02d$LatchkeySelfCheckSalt.", cost);
            assertThat(libxcrypt.hash(key, setting)).as("cost %d", cost).isPresent()
                    .isEqualTo(new dev.latchkey.core.crypto.JavaBcrypt().hash(key, setting));
        }
        String twoB = viaJava.hash("purple-otter-meadow");
        for (String prefix : new String[] {"$2a$", "$2b$", "$2y$"}) {
            assertThat(viaLibxcrypt.verify("purple-otter-meadow", prefix + twoB.substring(4))).as(prefix).isTrue();
        }
    }

    @Test
    void keysWithAZeroByteAreLeftToTheJavaLibrary() {
        assertThat(libxcrypt.hash(new byte[] {'a', 0, 'b'}, "$2b$04$LatchkeySelfCheckSalt.")).isEmpty();

        String hash = viaLibxcrypt.hash("otter\u0000meadow");

        assertThat(viaJava.verify("otter\u0000meadow", hash)).isTrue();
        assertThat(viaLibxcrypt.verify("otter\u0000marsh", hash)).isFalse();
        assertThat(viaLibxcrypt.verify("otter", hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2a$99$", "$2b$03$", "$2y$32$"})
    void storedHashWithACostOutOfRangeIsNoMatch(String prefix) {
        String hash = viaLibxcrypt.hash("purple-otter-meadow");

        assertThat(viaLibxcrypt.verify("purple-otter-meadow", prefix + hash.substring(7))).isFalse();
    }

    @Test
    void malformedHashesDoNotVerify() {
        String hash = viaLibxcrypt.hash("purple-otter-meadow");

        assertThat(viaLibxcrypt.verify("purple-otter-meadow", hash.substring(0, 40))).isFalse();
        assertThat(viaLibxcrypt.verify("purple-otter-meadow", "$2b$04$" + "!".repeat(53))).isFalse();
        assertThat(viaLibxcrypt.verify("purple-otter-meadow", hash.replace("$2b$04$", "$2b$05$"))).isFalse();
    }

    /** Up to 120 code points from ASCII, Latin, Cyrillic, CJK, emoji and U+0000, so lengths cross bcrypt's 72 bytes. */
    private static String randomPassword(Random random) {
        int[] pool = {'a', 'Z', '7', ' ', '$', 0xE9, 0x436, 0x5BC6, 0x1F511, 0};
        StringBuilder password = new StringBuilder();
        int length = random.nextInt(121);
        for (int i = 0; i < length; i++) {
            int base = pool[random.nextInt(pool.length)];
            password.appendCodePoint(base == 0 && random.nextInt(8) != 0 ? 'q' : base + (base > 0x7f ? random.nextInt(16) : 0));
        }
        return password.toString();
    }
}
