package dev.latchkey.http;

import jakarta.validation.constraints.NotNull;

/** The JSON bodies Latchkey reads, field names in snake_case. Presence is checked here, rules in the core. */
final class Requests {

    static final String REQUIRED = ValidationMessages.REQUIRED;

    private Requests() {
    }

    record Register(@NotNull(message = REQUIRED) String username,
                    @NotNull(message = REQUIRED) String email,
                    @NotNull(message = REQUIRED) String password,
                    @NotNull(message = REQUIRED) String passwordConfirm) {
    }

    /** {@code username} may hold the e-mail address; a separate {@code email} field is taken too. Presence is the core's check, so both missing fields are named at once. */
    record LogIn(String username, String email, String password) {

        String login() {
            return username != null ? username : email;
        }
    }

    record Refresh(@NotNull(message = REQUIRED) String refresh) {
    }

    /** A refresh in cookie mode: the token may instead come from the cookie. */
    record RefreshOrCookie(String refresh) {
    }

    record Verify(@NotNull(message = REQUIRED) String token) {
    }

    /** simplejwt clients send {@code refresh}; some send {@code refresh_token}. */
    record LogOut(String refresh, String refreshToken) {

        String token() {
            return refresh != null ? refresh : refreshToken;
        }
    }

    record ChangePassword(@NotNull(message = REQUIRED) String oldPassword,
                          @NotNull(message = REQUIRED) String newPassword,
                          @NotNull(message = REQUIRED) String newPasswordConfirm) {
    }

    record PasswordResetRequest(@NotNull(message = REQUIRED) String email) {
    }

    /** Presence is the core's check, so that a missing token and a broken password are named at once. */
    record PasswordResetConfirm(String token, String newPassword, String newPasswordConfirm) {
    }

    record VerifyEmail(@NotNull(message = REQUIRED) String token) {
    }
}
