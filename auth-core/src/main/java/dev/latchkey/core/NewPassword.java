package dev.latchkey.core;

import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.Violation;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import dev.latchkey.core.port.PasswordHasher;

import java.util.ArrayList;
import java.util.List;

/**
 * A password chosen at registration or on a change: the policy's rules, a confirmation typed the
 * same, and its hash. Passwords are compared and hashed after NFKC.
 */
final class NewPassword {

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;

    NewPassword(PasswordPolicy policy, PasswordHasher hasher) {
        this.policy = policy;
        this.hasher = hasher;
    }

    /**
     * The rules broken by {@code password} (on {@code field}) and its confirmation (on
     * {@code confirmField}); {@code username} and {@code email} may be null when unknown or invalid.
     */
    List<Violation> problems(Field field, String password, Field confirmField, String confirmation,
                             String username, String email) {
        List<Violation> problems = new ArrayList<>();
        String normalised = password == null ? null : PasswordPolicy.normalise(password);
        if (normalised == null || normalised.isEmpty()) {
            problems.add(Violation.of(field, Rule.REQUIRED));
        } else {
            problems.addAll(policy.problems(field, normalised, username, email));
        }
        if (confirmation == null || confirmation.isEmpty()) {
            problems.add(Violation.of(confirmField, Rule.REQUIRED));
        } else if (normalised != null && !normalised.equals(PasswordPolicy.normalise(confirmation))) {
            problems.add(Violation.of(confirmField, Rule.DOES_NOT_MATCH));
        }
        return problems;
    }

    /** The hash to store for a password that broke no rule. */
    String hash(String password) {
        return hasher.hash(PasswordPolicy.normalise(password));
    }
}
