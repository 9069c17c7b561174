package dev.latchkey.core.domain;

/** Who is making a request, as proven by a valid access token: the user and the session it belongs to. */
public record Caller(String userId, String sessionId) {
}
