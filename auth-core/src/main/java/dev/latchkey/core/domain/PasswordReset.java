package dev.latchkey.core.domain;

/** A new password chosen through a reset link: the link's token and the password, twice. */
public record PasswordReset(String token, String newPassword, String newPasswordConfirm) {

    @Override
    public String toString() {
        return "PasswordReset[...]";
    }
}
