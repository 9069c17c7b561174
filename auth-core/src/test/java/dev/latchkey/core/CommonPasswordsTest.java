package dev.latchkey.core;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CommonPasswordsTest {

    @Test
    void shippedListHoldsAtLeastTenThousandLowerCasedPasswords() {
        Set<String> passwords = CommonPasswords.shipped();

        assertThat(passwords).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(passwords).contains("password", "123456", "qwerty");
        assertThat(passwords).allMatch(p -> p.equals(p.toLowerCase(java.util.Locale.ROOT)));
    }
}
