package dev.latchkey.core.domain;

/**
 * One rule that one input broke, in the domain's terms: which field, which rule, and the limit the
 * rule names when it has one (a length). The words a user reads are the edge's business.
 *
 * @param limit the length a {@link Rule#TOO_SHORT} or {@link Rule#TOO_LONG} rule allows; 0 for other rules
 */
public record Violation(Field field, Rule rule, int limit) {

    /** The inputs of the use cases that can break a rule. */
    public enum Field {
        /** The username or e-mail address given to log in. */
        LOGIN,
        USERNAME,
        EMAIL,
        PASSWORD,
        PASSWORD_CONFIRM,
        OLD_PASSWORD,
        NEW_PASSWORD,
        NEW_PASSWORD_CONFIRM,
        REFRESH_TOKEN,
        /** A token of either type, given to be verified. */
        TOKEN
    }

    /** The rules an input can break. */
    public enum Rule {
        REQUIRED,
        TOO_SHORT,
        TOO_LONG,
        /** Characters other than letters, digits and {@code . _ -}, or a leading combining mark. */
        NOT_A_USERNAME,
        NOT_AN_EMAIL_ADDRESS,
        TOO_COMMON,
        ENTIRELY_NUMERIC,
        TOO_SIMILAR_TO_USERNAME,
        TOO_SIMILAR_TO_EMAIL,
        /** A confirmation that differs from what it confirms. */
        DOES_NOT_MATCH,
        /** A username or e-mail address another account has, in any case. */
        TAKEN,
        /** The current password, asked again before a change, is not the account's. */
        WRONG_PASSWORD,
        INVALID_TOKEN,
        /** A valid token of another user. */
        NOT_THE_CALLERS,
        /** A one-time link's token that is unknown, expired, already used or revoked. */
        INVALID_LINK
    }

    public Violation {
        if (field == null || rule == null) {
            throw new IllegalArgumentException("a violation names a field and a rule");
        }
    }

    public static Violation of(Field field, Rule rule) {
        return new Violation(field, rule, 0);
    }
}
