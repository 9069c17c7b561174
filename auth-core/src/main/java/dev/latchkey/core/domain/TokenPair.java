package dev.latchkey.core.domain;

/** The answer to a login or refresh: a short-lived access token and the session's refresh token. */
public record TokenPair(String access, String refresh, long expiresInSeconds) {

    @Override
    public String toString() {
        return "TokenPair[expiresInSeconds=" + expiresInSeconds + "]";
    }
}
