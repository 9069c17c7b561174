package dev.latchkey.core.domain;

/** A request to open an account, as received; every field may be null or break a rule. */
public record Registration(String username, String email, String password, String passwordConfirm) {

    @Override
    public String toString() {
        return "Registration[username=" + username + "]";
    }
}
