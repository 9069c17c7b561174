package dev.latchkey.http;

import dev.latchkey.core.port.TokenIssuer;
import io.javalin.config.RoutesConfig;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What anyone may read: the public keys and the health of this instance. */
final class PublicRoutes {

    private final TokenIssuer tokens;
    private final BooleanSupplier databaseUp;
    private final Replies replies;

    PublicRoutes(TokenIssuer tokens, BooleanSupplier databaseUp, Replies replies) {
        this.tokens = tokens;
        this.databaseUp = databaseUp;
        this.replies = replies;
    }

    void register(RoutesConfig routes) {
        routes.get("/.well-known/jwks.json", ctx -> replies.rawJson(ctx, tokens.publicJwkSet()));
        routes.get("/health", ctx -> {
            if (!databaseUp.getAsBoolean()) {
                throw new dev.latchkey.core.domain.AuthFailure.Unavailable("database unreachable", Duration.ofSeconds(5));
            }
            replies.ok(ctx, new Responses.Health("UP"));
        });
    }
}
