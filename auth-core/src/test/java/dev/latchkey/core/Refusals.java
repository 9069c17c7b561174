package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Violation;
import dev.latchkey.core.domain.Violation.Field;
import dev.latchkey.core.domain.Violation.Rule;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on what a use case refuses, shared by the use-case tests. */
final class Refusals {

    private Refusals() {
    }

    static void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AuthFailure.TokenRejected.class);
    }

    /** {@code call} fails validation, {@code rule} broken on {@code field} among its violations, whatever the limit. */
    static void assertViolation(ThrowingCallable call, Field field, Rule rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.violations()).anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.rule()).isEqualTo(rule);
                }));
    }

    /** {@code call} fails validation with exactly {@code violation} among its violations. */
    static void assertViolation(ThrowingCallable call, Violation violation) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.violations()).contains(violation));
    }

    /** {@code call} fails validation on exactly these fields. */
    static void assertOnlyFields(ThrowingCallable call, Field... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthFailure.ValidationFailed.class,
                e -> assertThat(e.fields()).containsOnly(fields));
    }
}
