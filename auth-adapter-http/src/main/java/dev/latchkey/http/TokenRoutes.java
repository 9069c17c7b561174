package dev.latchkey.http;

import dev.latchkey.core.Sessions;
import dev.latchkey.core.domain.Credentials;
import io.javalin.config.RoutesConfig;

/** {@code /api/token/}: log in, refresh with rotation, verify. Paths as simplejwt has them. */
final class TokenRoutes {

    private final Sessions sessions;
    private final Bodies bodies;
    private final Replies replies;
    private final ClientAddresses addresses;

    TokenRoutes(Sessions sessions, Bodies bodies, Replies replies, ClientAddresses addresses) {
        this.sessions = sessions;
        this.bodies = bodies;
        this.replies = replies;
        this.addresses = addresses;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/token", ctx -> {
            Requests.LogIn body = bodies.read(ctx, Requests.LogIn.class);
            var pair = sessions.logIn(new Credentials(body.login(), body.password()), ClientInfos.of(ctx, addresses));
            replies.ok(ctx, Responses.TokenPairBody.of(pair));
        });
        routes.post("/api/token/refresh", ctx -> {
            Requests.Refresh body = bodies.read(ctx, Requests.Refresh.class);
            replies.ok(ctx, Responses.TokenPairBody.of(sessions.refresh(body.refresh(), ClientInfos.of(ctx, addresses))));
        });
        routes.post("/api/token/verify", ctx -> {
            sessions.verify(bodies.read(ctx, Requests.Verify.class).token());
            replies.ok(ctx, new Responses.Empty());
        });
    }
}
