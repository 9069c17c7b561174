package dev.latchkey.core.domain;

import java.text.Normalizer;
import java.util.Optional;

/**
 * A username as the user typed it (after NFKC), with the case-folded key that makes
 * {@code Alice} and {@code alice} (and full-width {@code ａｌｉｃｅ}) one account.
 */
public record Username(String value) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 150;

    public Username {
        if (problem(value).isPresent()) {
            throw new IllegalArgumentException("not a valid username");
        }
    }

    /** Normalises raw input; the result may still break a rule, which {@link #problem} tells. */
    public static String normalise(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC);
    }

    /** The rule a normalised username breaks, if any. */
    public static Optional<Violation> problem(String normalised) {
        int length = normalised.codePointCount(0, normalised.length());
        if (length < MIN_LENGTH) {
            return Optional.of(new Violation(Violation.Field.USERNAME, Violation.Rule.TOO_SHORT, MIN_LENGTH));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new Violation(Violation.Field.USERNAME, Violation.Rule.TOO_LONG, MAX_LENGTH));
        }
        boolean allowed = normalised.codePoints().allMatch(Username::isAllowed)
                && !isMark(normalised.codePointAt(0));
        if (!allowed) {
            return Optional.of(Violation.of(Violation.Field.USERNAME, Violation.Rule.NOT_A_USERNAME));
        }
        return Optional.empty();
    }

    /** Letters and digits of any script (with the vowel signs and accents that belong to them), and . _ - */
    private static boolean isAllowed(int c) {
        return Character.isLetterOrDigit(c) || isMark(c) || c == '.' || c == '_' || c == '-';
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** The lookup key: unique without regard to case or compatibility forms. */
    public String key() {
        return keyOf(value);
    }

    /** The lookup key of any login input, so that login works in any case. */
    public static String keyOf(String raw) {
        String folded = caseFold(normalise(raw));
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /**
     * Folds case one code point at a time (upper, then lower), so that letters with several lower
     * forms meet: final and medial sigma, for one. {@code String.toLowerCase} keeps them apart.
     */
    static String caseFold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
