package dev.latchkey.http;

import dev.latchkey.core.domain.Violation;
import dev.latchkey.core.domain.Violation.Field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that words the core's rule violations for clients: each field's JSON name, and each
 * rule's message. The texts are those Django REST Framework clients already show their users.
 */
public final class ValidationMessages {

    static final String REQUIRED = "This field is required.";

    private ValidationMessages() {
    }

    /** The violations as a problem's {@code errors}: messages by JSON field name, in the order found. */
    public static Map<String, List<String>> errors(List<Violation> violations) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.computeIfAbsent(jsonName(v.field()), f -> new ArrayList<>()).add(message(v)));
        return errors;
    }

    /** The request body field the domain's field came from. */
    public static String jsonName(Field field) {
        return switch (field) {
            case LOGIN, USERNAME -> "username";
            case EMAIL -> "email";
            case PASSWORD -> "password";
            case PASSWORD_CONFIRM -> "password_confirm";
            case OLD_PASSWORD -> "old_password";
            case NEW_PASSWORD -> "new_password";
            case NEW_PASSWORD_CONFIRM -> "new_password_confirm";
            case REFRESH_TOKEN -> "refresh";
            case TOKEN -> "token";
        };
    }

    /** What a client reads about one violation. */
    public static String message(Violation v) {
        return switch (v.rule()) {
            case REQUIRED -> REQUIRED;
            case TOO_SHORT -> isPassword(v.field())
                    ? "This password is too short. It must contain at least " + v.limit() + " characters."
                    : "Ensure this field has at least " + v.limit() + " characters.";
            case TOO_LONG -> "Ensure this field has no more than " + v.limit() + " characters.";
            case NOT_A_USERNAME -> "Enter a valid username. This value may contain only letters, digits and ./_/- characters.";
            case NOT_AN_EMAIL_ADDRESS -> "Enter a valid email address.";
            case TOO_COMMON -> "This password is too common.";
            case ENTIRELY_NUMERIC -> "This password is entirely numeric.";
            case TOO_SIMILAR_TO_USERNAME -> "The password is too similar to the username.";
            case TOO_SIMILAR_TO_EMAIL -> "The password is too similar to the email address.";
            case DOES_NOT_MATCH -> "Password fields didn't match.";
            case TAKEN -> "A user with that " + (v.field() == Field.EMAIL ? "email" : "username") + " already exists.";
            case WRONG_PASSWORD -> "Your old password was entered incorrectly.";
            case INVALID_TOKEN -> "Token is invalid or expired";
            case NOT_THE_CALLERS -> "Token does not belong to the authenticated user.";
            case INVALID_LINK -> "The link is invalid or has expired.";
        };
    }

    private static boolean isPassword(Field field) {
        return field == Field.PASSWORD || field == Field.NEW_PASSWORD;
    }
}
