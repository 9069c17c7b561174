package dev.latchkey.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmailAddressTest {

    private static final Violation INVALID = Violation.of(Violation.Field.EMAIL, Violation.Rule.NOT_AN_EMAIL_ADDRESS);

    /** A valid address of exactly {@code length} characters, with the longest allowed local part. */
    private static String addressOfLength(int length) {
        String local = "l".repeat(64);
        String labels = "a".repeat(63) + "." + "b".repeat(63) + ".";
        String tld = "c".repeat(length - local.length() - 1 - labels.length());
        return local + "@" + labels + tld;
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "Alice.Smith+tag@mail.example.co.uk", "o'brien@example.ie",
            "user_1-x@sub-domain.example.org", "josé@bücher.de", "用户@例子.广告", "пользователь@пример.рф"})
    void wellFormedAddressesAreValid(String address) {
        assertThat(EmailAddress.problem(address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice.example.com", "alice@localhost", "alice@example", "@example.com", "alice@",
            "alice smith@example.com", "alice@exam ple.com", "alice@example.com ", "alice..smith@example.com",
            ".alice@example.com", "alice.@example.com", "alice@-example.com", "alice@example-.com", "alice@example.c",
            "alice@example.123", "alice@@example.com", "alice@ex@ample.com", "alice\u0000@example.com",
            "alice@example..com"})
    void malformedAddressesAreInvalid(String address) {
        assertThat(EmailAddress.problem(address)).hasValue(INVALID);
    }

    @Test
    void twoHundredFiftyFourCharactersAreAllowed() {
        String address = addressOfLength(254);

        assertThat(address).hasSize(254);
        assertThat(EmailAddress.problem(address)).isEmpty();
    }

    @Test
    void twoHundredFiftyFiveCharactersAreTooLong() {
        String address = addressOfLength(255);

        assertThat(address).hasSize(255);
        assertThat(EmailAddress.problem(address)).hasValue(new Violation(Violation.Field.EMAIL, Violation.Rule.TOO_LONG, 254));
    }

    @Test
    void localPartOfSixtyFiveCharactersIsInvalid() {
        assertThat(EmailAddress.problem("l".repeat(64) + "@example.com")).isEmpty();
        assertThat(EmailAddress.problem("l".repeat(65) + "@example.com")).hasValue(INVALID);
    }

    @Test
    void constructorRefusesAnInvalidAddress() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddress("not-an-address"));
    }

    @Test
    void normaliseStripsSpacesAndAppliesNfkc() {
        assertThat(EmailAddress.normalise("  alice\uFF20example.com\t")).isEqualTo("alice@example.com");
    }

    @Test
    void keyIgnoresCase() {
        assertThat(new EmailAddress("Alice@Example.COM").key()).isEqualTo("alice@example.com");
        assertThat(EmailAddress.keyOf(" ALICE@example.com ")).isEqualTo("alice@example.com");
    }

    @Test
    void valueIsKeptAsTyped() {
        assertThat(new EmailAddress("Alice@Example.com").value()).isEqualTo("Alice@Example.com");
    }

    @Test
    void localPartIsWhatComesBeforeTheAt() {
        assertThat(new EmailAddress("first.last@example.com").localPart()).isEqualTo("first.last");
    }
}
