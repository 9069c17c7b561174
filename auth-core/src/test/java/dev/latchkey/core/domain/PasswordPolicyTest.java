package dev.latchkey.core.domain;

import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The rules of new passwords, as violations on the field they are given for. */
class PasswordPolicyTest {

    private static final Violation TOO_SHORT = new Violation(Field.PASSWORD, Rule.TOO_SHORT, 8);
    private static final Violation TOO_LONG = new Violation(Field.PASSWORD, Rule.TOO_LONG, 128);
    private static final Violation TOO_COMMON = Violation.of(Field.PASSWORD, Rule.TOO_COMMON);
    private static final Violation NUMERIC = Violation.of(Field.PASSWORD, Rule.ENTIRELY_NUMERIC);
    private static final Violation LIKE_USERNAME = Violation.of(Field.PASSWORD, Rule.TOO_SIMILAR_TO_USERNAME);
    private static final Violation LIKE_EMAIL = Violation.of(Field.PASSWORD, Rule.TOO_SIMILAR_TO_EMAIL);

    private final PasswordPolicy policy = new PasswordPolicy(8, Set.of("password", "letmein123"));

    private java.util.List<Violation> problemsOf(String raw) {
        return policy.problems(Field.PASSWORD, PasswordPolicy.normalise(raw), "alice", "alice@example.com");
    }

    @Test
    void acceptablePasswordHasNoProblems() {
        assertThat(problemsOf("purple-otter-meadow")).isEmpty();
    }

    @Test
    void sevenCharactersAreTooShort() {
        assertThat(problemsOf("q7#vWz1")).containsExactly(TOO_SHORT);
    }

    @Test
    void eightCharactersAreEnough() {
        assertThat(problemsOf("q7#vWz1k")).isEmpty();
    }

    @Test
    void oneHundredTwentyEightCharactersAreAllowed() {
        assertThat(problemsOf("q7#vWz1k".repeat(16))).isEmpty();
    }

    @Test
    void oneHundredTwentyNineCharactersAreTooLong() {
        assertThat(problemsOf("q7#vWz1k".repeat(16) + "x")).containsExactly(TOO_LONG);
    }

    @Test
    void lengthIsCountedAfterNfkc() {
        // U+FB03 "ffi" is one character as typed and three after NFKC.
        assertThat(problemsOf("\uFB03".repeat(42) + "xy")).isEmpty();
        assertThat(problemsOf("\uFB03".repeat(43))).containsExactly(TOO_LONG);
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE00";

        assertThat(problemsOf(emoji.repeat(128))).isEmpty();
        assertThat(problemsOf(emoji.repeat(129))).containsExactly(TOO_LONG);
        assertThat(problemsOf(emoji.repeat(7))).containsExactly(TOO_SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "LetMeIn123"})
    void commonPasswordIsRejectedInAnyCase(String common) {
        assertThat(problemsOf(common)).contains(TOO_COMMON);
    }

    @Test
    void commonPasswordIsRecognisedAfterNfkc() {
        assertThat(problemsOf("\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44")).contains(TOO_COMMON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"80417326955", "\u0668\u0660\u0664\u0661\u0667\u0663\u0662\u0666", "\uFF18\uFF10\uFF14\uFF11\uFF17\uFF13\uFF12\uFF16"})
    void passwordOfDigitsOnlyIsRejected(String digits) {
        assertThat(problemsOf(digits)).contains(NUMERIC);
    }

    @Test
    void passwordWithOneNonDigitIsNotNumeric() {
        assertThat(problemsOf("8041732695x")).doesNotContain(NUMERIC);
    }

    @Test
    void passwordContainingTheUsernameInAnyCaseIsRejected() {
        assertThat(policy.problems(Field.PASSWORD, "my-MariGold-77", "marigold", null)).containsExactly(LIKE_USERNAME);
    }

    @Test
    void passwordContainingTheEmailLocalPartInAnyCaseIsRejected() {
        assertThat(policy.problems(Field.PASSWORD, "xx-SUNFLOWER-xx", null, "Sunflower@example.com")).containsExactly(LIKE_EMAIL);
    }

    @Test
    void emailDomainAloneDoesNotMakeAPasswordSimilar() {
        assertThat(policy.problems(Field.PASSWORD, "example-lighthouse", null, "sun@example.com")).isEmpty();
    }

    @Test
    void localPartsShorterThanThreeCharactersAreNotChecked() {
        assertThat(policy.problems(Field.PASSWORD, "alabaster-ok", null, "al@example.com")).isEmpty();
    }

    @Test
    void unknownUsernameAndEmailAreNotChecked() {
        assertThat(policy.problems(Field.PASSWORD, "purple-otter-meadow", null, null)).isEmpty();
    }

    @Test
    void everyBrokenRuleIsReported() {
        assertThat(policy.problems(Field.PASSWORD, "1234", "1234", null)).containsExactlyInAnyOrder(TOO_SHORT, NUMERIC, LIKE_USERNAME);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129})
    void minimumLengthOutsideOneTo128IsRefused(int minLength) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy(minLength, Set.of()));
    }
}
