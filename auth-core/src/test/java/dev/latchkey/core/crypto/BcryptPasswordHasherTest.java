package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
