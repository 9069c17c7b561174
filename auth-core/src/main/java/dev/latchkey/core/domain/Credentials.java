package dev.latchkey.core.domain;

/** A login attempt: a username or e-mail address, and a password. */
public record Credentials(String login, String password) {

    @Override
    public String toString() {
        return "Credentials[login=" + login + "]";
    }
}
