package dev.latchkey.core.domain;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a use case can refuse, said in the domain's own words. The HTTP adapter maps each
 * kind to exactly one status and problem code; nothing else in Latchkey builds error responses.
 */
public abstract sealed class AuthFailure extends RuntimeException {

    private AuthFailure(String message) {
        // Failures are expected outcomes, not bugs: no stack trace to fill in on the hot path.
        super(message, null, false, false);
    }

    /** Login failed: unknown user, wrong password or inactive account, deliberately indistinguishable. */
    public static final class InvalidCredentials extends AuthFailure {
        public InvalidCredentials() {
            super("No active account found with the given credentials.");
        }
    }

    /** A token was not accepted: bad signature, wrong type, expired, revoked session, reuse. */
    public static final class TokenRejected extends AuthFailure {
        public TokenRejected(String reason) {
            super(reason);
        }
    }

    /** One or more inputs break a rule: every {@link Violation}, in the order they were found. */
    public static final class ValidationFailed extends AuthFailure {
        private final List<Violation> violations;

        public ValidationFailed(List<Violation> violations) {
            super("Invalid input.");
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a validation failure names at least one violation");
            }
            this.violations = List.copyOf(violations);
        }

        public static ValidationFailed of(Violation.Field field, Violation.Rule rule) {
            return new ValidationFailed(List.of(Violation.of(field, rule)));
        }

        public List<Violation> violations() {
            return violations;
        }

        /** The fields that broke a rule, in the order of their first violation. */
        public Set<Violation.Field> fields() {
            Set<Violation.Field> fields = new LinkedHashSet<>();
            violations.forEach(v -> fields.add(v.field()));
            return fields;
        }
    }

    /** The password was right, but a verified address is required and this one is not verified yet. */
    public static final class EmailNotVerified extends AuthFailure {
        public EmailNotVerified() {
            super("The e-mail address of this account is not verified yet.");
        }
    }

    /** Too many failed logins; the caller may try again after {@link #retryAfter()}. */
    public static final class Throttled extends AuthFailure {
        private final Duration retryAfter;

        public Throttled(Duration retryAfter) {
            super("Too many failed attempts.");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The thing asked for does not exist, or is not the caller's to see. */
    public static final class NotFound extends AuthFailure {
        public NotFound(String what) {
            super(what);
        }
    }

    /** Latchkey cannot take the work right now (hashing queue full, database down). */
    public static final class Unavailable extends AuthFailure {
        private final Duration retryAfter;

        public Unavailable(String why, Duration retryAfter) {
            super(why);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
