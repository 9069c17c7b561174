package dev.latchkey.http;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.port.TokenIssuer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What anyone may read: the public keys and the health of this instance. {@code /health/live} says
 * the process serves and checks nothing else; {@code /health/ready} (and {@code /health}, its older
 * name) says whether to send it traffic: the database answers, the keys are loaded, it is not stopping.
 */
final class PublicRoutes {

    private static final Duration NOT_READY_RETRY_AFTER = Duration.ofSeconds(2);

    private final TokenIssuer tokens;
    private final BooleanSupplier ready;
    private final Replies replies;

    PublicRoutes(TokenIssuer tokens, BooleanSupplier ready, Replies replies) {
        this.tokens = tokens;
        this.ready = ready;
        this.replies = replies;
    }

    void register(RoutesConfig routes) {
        routes.get("/.well-known/jwks.json", ctx -> replies.rawJson(ctx, tokens.publicJwkSet()));
        routes.get("/health", this::ready);
        routes.get("/health/ready", this::ready);
        routes.get("/health/live", ctx -> replies.ok(ctx, new Responses.Health("UP")));
    }

    private void ready(Context ctx) {
        if (!ready.getAsBoolean()) {
            throw new AuthFailure.Unavailable("not ready", NOT_READY_RETRY_AFTER);
        }
        replies.ok(ctx, new Responses.Health("UP"));
    }
}
