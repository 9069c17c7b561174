package dev.latchkey.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsernameTest {

    /** A letter outside the Basic Multilingual Plane: two UTF-16 units, one character. */
    private static final String GOTHIC_AHSA = "\uD800\uDF30";

    @Test
    void twoCharactersAreTooShort() {
        assertThat(Username.problem("ab")).hasValue(new Violation(Violation.Field.USERNAME, Violation.Rule.TOO_SHORT, 3));
    }

    @Test
    void threeCharactersAreEnough() {
        assertThat(Username.problem("abc")).isEmpty();
    }

    @Test
    void oneHundredFiftyCharactersAreAllowed() {
        assertThat(Username.problem("a".repeat(150))).isEmpty();
    }

    @Test
    void oneHundredFiftyOneCharactersAreTooLong() {
        assertThat(Username.problem("a".repeat(151))).hasValue(new Violation(Violation.Field.USERNAME, Violation.Rule.TOO_LONG, 150));
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        assertThat(Username.problem(GOTHIC_AHSA.repeat(3))).isEmpty();
        assertThat(Username.problem(GOTHIC_AHSA.repeat(150))).isEmpty();
        assertThat(Username.problem(GOTHIC_AHSA.repeat(2))).isPresent();
        assertThat(Username.problem(GOTHIC_AHSA.repeat(151))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Алиса", "山田太郎", "김민준", "Zoë", "user123", "123", "a.b_c-d", "...", "élan-vital"})
    void lettersAndDigitsOfAnyScriptAndDotUnderscoreHyphenAreAllowed(String username) {
        assertThat(Username.problem(username)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"हिन्दी", "สมชาย", "தமிழ்"})
    void namesWithTheVowelSignsOfTheirScriptAreAllowed(String username) {
        assertThat(Username.problem(Username.normalise(username))).isEmpty();
    }

    @Test
    void aNameMayNotStartWithACombiningMark() {
        assertThat(Username.problem("\u0301abc")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice smith", "alice@home", "alice+1", "alice/x", "alice!", "al\u00A0ice", "alice\uD83D\uDE00",
            "alice\u0000", "alice\t", "alice\n", "alice\u202E", "'; drop table users; --"})
    void otherCharactersAreRejected(String username) {
        assertThat(Username.problem(username))
                .hasValue(Violation.of(Violation.Field.USERNAME, Violation.Rule.NOT_A_USERNAME));
    }

    @Test
    void constructorRefusesAnInvalidUsername() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Username("a b"));
    }

    @Test
    void valueIsKeptAsTyped() {
        assertThat(new Username("Alice").value()).isEqualTo("Alice");
    }

    @Test
    void normaliseAppliesNfkc() {
        assertThat(Username.normalise("\uFF46\uFF55\uFF4C\uFF4C")).isEqualTo("full");
        assertThat(Username.normalise("\uFB01le")).isEqualTo("file");
    }

    @Test
    void keyIgnoresCase() {
        assertThat(new Username("Alice").key()).isEqualTo(new Username("aLICE").key()).isEqualTo("alice");
    }

    @Test
    void keyFoldsCompatibilityForms() {
        assertThat(Username.keyOf("\uFF21\uFF2C\uFF29\uFF23\uFF25")).isEqualTo(Username.keyOf("alice"));
    }

    @Test
    void keyOfCyrillicIgnoresCase() {
        assertThat(Username.keyOf("АЛИСА")).isEqualTo(Username.keyOf("алиса"));
    }

    @Test
    void differentNamesHaveDifferentKeys() {
        assertThat(Username.keyOf("alice")).isNotEqualTo(Username.keyOf("alice1"));
    }
}
