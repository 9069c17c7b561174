package dev.latchkey.core.domain;

/** A request to replace the caller's password. */
public record PasswordChange(String oldPassword, String newPassword, String newPasswordConfirm) {

    @Override
    public String toString() {
        return "PasswordChange[]";
    }
}
