package dev.latchkey.core.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a new password must meet. Passwords are compared after NFKC, so that the same
 * password typed on two keyboards is one password, and every character counts.
 */
public final class PasswordPolicy {

    public static final int MAX_LENGTH = 128;
    /** Shorter e-mail local parts ("a@…") would forbid half the alphabet; they are not checked. */
    private static final int MIN_CHECKED_PART = 3;

    private final int minLength;
    private final Set<String> commonPasswords;

    /**
     * @param commonPasswords lower-cased passwords that are refused outright
     */
    public PasswordPolicy(int minLength, Set<String> commonPasswords) {
        if (minLength < 1 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("minimum length must be between 1 and " + MAX_LENGTH);
        }
        this.minLength = minLength;
        this.commonPasswords = Set.copyOf(commonPasswords);
    }

    public static String normalise(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC);
    }

    public int minLength() {
        return minLength;
    }

    /**
     * The rules {@code password} (already normalised) breaks, as violations on {@code field}; empty
     * when it is acceptable. {@code username} and {@code email} may be null when unknown or invalid.
     */
    public List<Violation> problems(Violation.Field field, String password, String username, String email) {
        List<Violation> problems = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            problems.add(new Violation(field, Violation.Rule.TOO_SHORT, minLength));
        }
        if (length > MAX_LENGTH) {
            problems.add(new Violation(field, Violation.Rule.TOO_LONG, MAX_LENGTH));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (commonPasswords.contains(lower)) {
            problems.add(Violation.of(field, Violation.Rule.TOO_COMMON));
        }
        if (!password.isEmpty() && password.chars().allMatch(Character::isDigit)) {
            problems.add(Violation.of(field, Violation.Rule.ENTIRELY_NUMERIC));
        }
        if (contains(lower, username)) {
            problems.add(Violation.of(field, Violation.Rule.TOO_SIMILAR_TO_USERNAME));
        }
        if (email != null && email.lastIndexOf('@') > 0 && contains(lower, email.substring(0, email.lastIndexOf('@')))) {
            problems.add(Violation.of(field, Violation.Rule.TOO_SIMILAR_TO_EMAIL));
        }
        return problems;
    }

    private static boolean contains(String lowerPassword, String part) {
        if (part == null || part.length() < MIN_CHECKED_PART) {
            return false;
        }
        return lowerPassword.contains(Normalizer.normalize(part, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
    }
}
