package dev.latchkey.core.domain;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/** An e-mail address as given, with a case-insensitive key for uniqueness and login. */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}");

    public EmailAddress {
        if (problem(value).isPresent()) {
            throw new IllegalArgumentException("not a valid e-mail address");
        }
    }

    public static String normalise(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
    }

    /** The rule a normalised address breaks, if any. */
    public static Optional<Violation> problem(String normalised) {
        if (normalised.length() > MAX_LENGTH) {
            return Optional.of(new Violation(Violation.Field.EMAIL, Violation.Rule.TOO_LONG, MAX_LENGTH));
        }
        int at = normalised.lastIndexOf('@');
        boolean valid = at > 0
                && at <= MAX_LOCAL_LENGTH
                && LOCAL.matcher(normalised.substring(0, at)).matches()
                && DOMAIN.matcher(normalised.substring(at + 1)).matches();
        return valid ? Optional.empty() : Optional.of(Violation.of(Violation.Field.EMAIL, Violation.Rule.NOT_AN_EMAIL_ADDRESS));
    }

    public String key() {
        return keyOf(value);
    }

    public static String keyOf(String raw) {
        return Username.caseFold(normalise(raw));
    }

    /** The part before the {@code @}, which a password must not contain. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}
