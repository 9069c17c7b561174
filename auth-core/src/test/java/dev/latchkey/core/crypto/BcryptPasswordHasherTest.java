package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BcryptPasswordHasherTest {

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    void hashVerifiesItsPassword() {
        String hash = hasher.hash("purple-otter-meadow");

        assertThat(hasher.verify("purple-otter-meadow", hash)).isTrue();
    }

    @Test
    void hashIsBcryptAtTheConfiguredCostAndNotThePassword() {
        String hash = hasher.hash("purple-otter-meadow");

        assertThat(hash).startsWith("$2b$04$").hasSize(60).doesNotContain("purple");
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("purple-otter-meadow")).isNotEqualTo(hasher.hash("purple-otter-meadow"));
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        String hash = hasher.hash("purple-otter-meadow");

        assertThat(hasher.verify("purple-otter-meadoW", hash)).isFalse();
    }

    @Test
    void nonAsciiPasswordVerifies() {
        String hash = hasher.hash("пароль-密码-🔑");

        assertThat(hasher.verify("пароль-密码-🔑", hash)).isTrue();
        assertThat(hasher.verify("пароль-密码-🔐", hash)).isFalse();
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        String password = "x".repeat(99) + "a";
        String hash = hasher.hash(password);

        assertThat(hasher.verify(password, hash)).isTrue();
        assertThat(hasher.verify("x".repeat(99) + "b", hash)).isFalse();
    }

    @Test
    void passwordsDifferingJustPastTheSeventyTwoByteLimitDiffer() {
        String hash = hasher.hash("y".repeat(72) + "1");

        assertThat(hasher.verify("y".repeat(72) + "2", hash)).isFalse();
        assertThat(hasher.verify("y".repeat(72), hash)).isFalse();
    }

    @Test
    void multiByteCharactersPastSeventyTwoBytesCount() {
        // 40 Cyrillic letters are 80 UTF-8 bytes.
        String hash = hasher.hash("ж".repeat(39) + "a");

        assertThat(hasher.verify("ж".repeat(39) + "b", hash)).isFalse();
    }

    @Test
    void hashOfLowerCostNeedsRehash() {
        assertThat(new BcryptPasswordHasher(5).needsRehash(hasher.hash("purple-otter-meadow"))).isTrue();
    }

    @Test
    void hashOfTheSameOrHigherCostNeedsNoRehash() {
        String costFive = new BcryptPasswordHasher(5).hash("purple-otter-meadow");

        assertThat(new BcryptPasswordHasher(5).needsRehash(costFive)).isFalse();
        assertThat(hasher.needsRehash(costFive)).isFalse();
    }

    @Test
    void hashOfThe2aVariantVerifiesAndIsRehashedByItsWrittenCost() {
        String older = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, "purple-otter-meadow".toCharArray());

        assertThat(hasher.verify("purple-otter-meadow", older)).isTrue();
        assertThat(new BcryptPasswordHasher(5).needsRehash(older)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "$2b$04$", "$2b$04$tooshort", "$2b$xx$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "$9z$04$abcdefghijklmnopqrstuu1234567890123456789012345678901", "pbkdf2_sha256$600000$salt$hash"})
    void garbageHashDoesNotVerifyAndThrowsNothing(String garbage) {
        assertThat(hasher.verify("purple-otter-meadow", garbage)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "$2b$xx$a"})
    void unreadableHashNeedsRehash(String garbage) {
        assertThat(hasher.needsRehash(garbage)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 32})
    void costOutsideBcryptsRangeIsRefused(int cost) {
        assertThatIllegalArgumentException().isThrownBy(() -> new BcryptPasswordHasher(cost));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2a$99$", "$2b$03$", "$2y$32$", "$2b$00$", "$2a$3$x"})
    void storedHashWithACostOutOfRangeIsNoMatch(String prefix) {
        String made = hasher.hash("purple-otter-meadow");
        String damaged = prefix + made.substring(7);

        assertThat(hasher.verify("purple-otter-meadow", damaged)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"})
    void publishedHashesOfEveryPrefixVerify(String published) {
        assertThat(hasher.verify("U*U", published)).isTrue();
        assertThat(hasher.verify("U*V", published)).isFalse();
    }

    @Test
    void passwordWithAZeroCharacterCountsPastIt() {
        String hash = hasher.hash("otter\u0000meadow");

        assertThat(hasher.verify("otter\u0000meadow", hash)).isTrue();
        assertThat(hasher.verify("otter\u0000marsh", hash)).isFalse();
        assertThat(hasher.verify("otter", hash)).isFalse();
    }

    @Test
    void theGivenEngineChecksHashesOfEveryPrefixAndCost() {
        Recording recording = new Recording();
        BcryptPasswordHasher viaEngine = new BcryptPasswordHasher(4, recording);
        String twoB = hasher.hash("purple-otter-meadow");

        for (String hash : List.of(twoB, "$2a$" + twoB.substring(4), "$2y$" + twoB.substring(4),
                BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(5, "purple-otter-meadow".toCharArray()))) {
            assertThat(viaEngine.verify("purple-otter-meadow", hash)).as(hash.substring(0, 7)).isTrue();
        }
        assertThat(recording.costs()).containsExactly("$2b$04$", "$2b$04$", "$2b$04$", "$2b$05$");
        assertThat(viaEngine.implementation()).isEqualTo("recording");
    }

    @Test
    void whereTheEngineDeclinesAKeyTheJavaLibraryComputesIt() {
        BcryptEngine declining = new BcryptEngine() {
            @Override
            public String name() {
                return "declining";
            }

            @Override
            public Optional<String> hash(byte[] key, String setting) {
                return Optional.empty();
            }
        };
        BcryptPasswordHasher viaEngine = new BcryptPasswordHasher(4, declining);

        String hash = viaEngine.hash("purple-otter-meadow");

        assertThat(hasher.verify("purple-otter-meadow", hash)).isTrue();
        assertThat(viaEngine.verify("purple-otter-meadow", hasher.hash("purple-otter-meadow"))).isTrue();
    }

    @Test
    void theUnknownAccountHashIsMadeWithoutHashingAndCheckingAgainstItCostsOneBcryptAtTheHashersCost() {
        Recording recording = new Recording();
        BcryptPasswordHasher atCostFive = new BcryptPasswordHasher(5, recording);

        String unknown = atCostFive.unknownAccountHash();

        assertThat(recording.costs()).isEmpty();
        assertThat(unknown).startsWith("$2b$05$").hasSize(60).matches("\\$2b\\$05\\$[./A-Za-z0-9]{53}");
        assertThat(atCostFive.needsRehash(unknown)).isFalse();
        assertThat(atCostFive.verify("purple-otter-meadow", unknown)).isFalse();
        assertThat(atCostFive.verify("", unknown)).isFalse();
        // Each check ran bcrypt at cost 5 on the hash's own salt: the hash is one bcrypt reads.
        assertThat(recording.settings).containsExactly(unknown.substring(0, 29), unknown.substring(0, 29));
    }

    @Test
    void unknownAccountHashesDifferEachTime() {
        assertThat(hasher.unknownAccountHash()).isNotEqualTo(hasher.unknownAccountHash());
    }

    /** The Java engine, recording the setting of every hash it computes. */
    private static final class Recording implements BcryptEngine {

        final List<String> settings = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Optional<String> hash(byte[] key, String setting) {
            settings.add(setting);
            return new JavaBcrypt().hash(key, setting);
        }

        /** The prefix and cost of each setting, e.g. {@code $2b$04$}. */
        List<String> costs() {
            return settings.stream().map(setting -> setting.substring(0, 7)).toList();
        }
    }
}
