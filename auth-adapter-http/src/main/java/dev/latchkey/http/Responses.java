package dev.latchkey.http;

import dev.latchkey.core.domain.Session;
import dev.latchkey.core.domain.SessionView;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.User;

import java.time.Instant;

/** The JSON bodies Latchkey answers with, field names in snake_case; never a password or a hash. */
final class Responses {

    private Responses() {
    }

    record UserBody(String id, String username, String email, Instant dateJoined, Instant lastLogin,
                    boolean emailVerified) {
        static UserBody of(User user) {
            return new UserBody(user.id(), user.username().value(), user.email().value(), user.dateJoined(),
                    user.lastLogin(), user.emailVerified());
        }
    }

    record TokenPairBody(String access, String refresh, String tokenType, long expiresIn) {
        static TokenPairBody of(TokenPair pair) {
            return new TokenPairBody(pair.access(), pair.refresh(), "Bearer", pair.expiresInSeconds());
        }
    }

    /** A token answer in cookie mode: the refresh token is in the cookie, out of the page's reach. */
    record AccessBody(String access, String tokenType, long expiresIn) {
        static AccessBody of(TokenPair pair) {
            return new AccessBody(pair.access(), "Bearer", pair.expiresInSeconds());
        }
    }

    record SessionBody(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent,
                       String ip, boolean current) {
        static SessionBody of(SessionView view) {
            Session s = view.session();
            Instant expires = s.refreshExpiresAt().isBefore(s.expiresAt()) ? s.refreshExpiresAt() : s.expiresAt();
            return new SessionBody(s.id(), s.createdAt(), s.lastUsedAt(), expires, s.userAgent(), s.ip(), view.current());
        }
    }

    record Detail(String detail) {
    }

    record LoggedOutEverywhere(String detail, int sessionsEnded) {
    }

    record Health(String status) {
    }

    record Empty() {
    }
}
