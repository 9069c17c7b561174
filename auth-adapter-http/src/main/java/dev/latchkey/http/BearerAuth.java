package dev.latchkey.http;

import dev.latchkey.core.Authenticate;
import dev.latchkey.core.domain.Caller;
import io.javalin.http.Context;

/** Finds the caller of a protected route from its {@code Authorization: Bearer} header. */
final class BearerAuth {

    /** Longer headers are refused before any parsing. */
    static final int MAX_HEADER_LENGTH = 8 * 1024;
    private static final String PREFIX = "bearer ";

    private final Authenticate authenticate;

    BearerAuth(Authenticate authenticate) {
        this.authenticate = authenticate;
    }

    Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() > MAX_HEADER_LENGTH || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw HttpFailure.of(HttpFailure.Kind.NOT_AUTHENTICATED, "Authentication credentials were not provided.");
        }
        String token = header.substring(PREFIX.length()).strip();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            throw HttpFailure.of(HttpFailure.Kind.NOT_AUTHENTICATED, "Authentication credentials were not provided.");
        }
        return authenticate.caller(token);
    }
}
