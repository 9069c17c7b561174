package dev.latchkey.http;

import dev.latchkey.core.domain.Violation;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one wording of the core's violations: JSON field names and the messages clients read. */
class ValidationMessagesTest {

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyRuleHasAMessageOnEveryField(Rule rule) {
        for (Field field : Field.values()) {
            assertThat(ValidationMessages.message(new Violation(field, rule, 8))).isNotBlank().doesNotContain("null");
        }
    }

    @Test
    void loginIsTheUsernameFieldAndTheRefreshTokenTheRefreshField() {
        assertThat(ValidationMessages.jsonName(Field.LOGIN)).isEqualTo("username");
        assertThat(ValidationMessages.jsonName(Field.REFRESH_TOKEN)).isEqualTo("refresh");
        assertThat(ValidationMessages.jsonName(Field.NEW_PASSWORD_CONFIRM)).isEqualTo("new_password_confirm");
    }

    @Test
    void lengthRulesNameTheirLimitInTheWordsOfTheirField() {
        assertThat(ValidationMessages.message(new Violation(Field.PASSWORD, Rule.TOO_SHORT, 8)))
                .isEqualTo("This password is too short. It must contain at least 8 characters.");
        assertThat(ValidationMessages.message(new Violation(Field.USERNAME, Rule.TOO_SHORT, 3)))
                .isEqualTo("Ensure this field has at least 3 characters.");
        assertThat(ValidationMessages.message(new Violation(Field.EMAIL, Rule.TOO_LONG, 254)))
                .isEqualTo("Ensure this field has no more than 254 characters.");
    }

    @Test
    void aTakenNameSaysWhichNameIsTaken() {
        assertThat(ValidationMessages.message(Violation.of(Field.USERNAME, Rule.TAKEN)))
                .isEqualTo("A user with that username already exists.");
        assertThat(ValidationMessages.message(Violation.of(Field.EMAIL, Rule.TAKEN)))
                .isEqualTo("A user with that email already exists.");
    }

    @Test
    void anUnusableOneTimeLinkIsWordedForThePagesAndItsTokenIsTheTokenField() {
        assertThat(ValidationMessages.errors(List.of(Violation.of(Field.TOKEN, Rule.INVALID_LINK))))
                .containsExactly(Map.entry("token", List.of("The link is invalid or has expired.")));
    }

    @Test
    void violationsOfOneFieldAreListedTogetherInTheOrderFound() {
        Map<String, List<String>> errors = ValidationMessages.errors(List.of(
                Violation.of(Field.PASSWORD, Rule.TOO_COMMON),
                Violation.of(Field.USERNAME, Rule.REQUIRED),
                Violation.of(Field.PASSWORD, Rule.ENTIRELY_NUMERIC)));

        assertThat(errors).containsExactly(
                Map.entry("password", List.of("This password is too common.", "This password is entirely numeric.")),
                Map.entry("username", List.of("This field is required.")));
    }
}
