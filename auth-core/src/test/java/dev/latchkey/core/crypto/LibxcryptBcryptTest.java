package dev.latchkey.core.crypto;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The libxcrypt path of {@link BcryptPasswordHasher} against the Java library: a hash made by either
 * must verify with the other, for passwords of every length, script and byte. Skipped where the
 * system has no libxcrypt.
 */
class LibxcryptBcryptTest {

    private static final int COST = 4;
    private static final int CASES = 300;

    private static BcryptPasswordHasher viaLibxcrypt;
    private static final BcryptPasswordHasher viaJava = new BcryptPasswordHasher(COST, Optional.empty());

    @BeforeAll
    static void loadLibxcrypt() {
        Optional<Libxcrypt> libxcrypt = Libxcrypt.load();
        assumeTrue(libxcrypt.isPresent(), "libxcrypt (libcrypt.so.1 with bcrypt) is not on this machine");
        viaLibxcrypt = new BcryptPasswordHasher(COST, libxcrypt);
    }

    @Test
    void theSharedHasherUsesLibxcryptWhereItLoads() {
        assertThat(new BcryptPasswordHasher(COST).implementation()).isEqualTo("libxcrypt");
        assertThat(viaJava.implementation()).isEqualTo("java");
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
    void libxcryptHashesAreTwoBAtTheConfiguredCost() {
        assertThat(viaLibxcrypt.hash("purple-otter-meadow")).startsWith("$2b$04$").hasSize(60);
    }

    @Test
    void charactersAfterAZeroByteStillCount() {
        String hash = viaLibxcrypt.hash("otter\u0000meadow");

        assertThat(viaLibxcrypt.verify("otter\u0000meadow", hash)).isTrue();
        assertThat(viaLibxcrypt.verify("otter\u0000marsh", hash)).isFalse();
        assertThat(viaLibxcrypt.verify("otter", hash)).isFalse();
    }

    @Test
    void malformedHashesDoNotVerify() {
        String hash = viaLibxcrypt.hash("purple-otter-meadow");

        assertThat(viaLibxcrypt.verify("purple-otter-meadow", hash.substring(0, 40))).isFalse();
        assertThat(viaLibxcrypt.verify("purple-otter-meadow", "$2b$04$" + "!".repeat(53))).isFalse();
        assertThat(viaLibxcrypt.verify("purple-otter-meadow", "$2b$03$" + hash.substring(7))).isFalse();
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
