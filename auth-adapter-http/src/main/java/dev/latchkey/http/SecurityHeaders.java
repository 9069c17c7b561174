package dev.latchkey.http;

import io.javalin.http.Context;

/** Headers every response carries, errors included: nothing is cached, nothing is sniffed. */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void apply(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Request-Id", RequestIds.of(ctx));
    }
}
