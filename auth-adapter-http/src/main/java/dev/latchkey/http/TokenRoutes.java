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
    private final RefreshCookie cookie;

    TokenRoutes(Sessions sessions, Bodies bodies, Replies replies, ClientAddresses addresses, RefreshCookie cookie) {
        this.sessions = sessions;
        this.bodies = bodies;
        this.replies = replies;
        this.addresses = addresses;
        this.cookie = cookie;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/token", ctx -> {
            Requests.LogIn body = bodies.read(ctx, Requests.LogIn.class);
            var pair = sessions.logIn(new Credentials(body.login(), body.password()), ClientInfos.of(ctx, addresses));
            replies.ok(ctx, cookie.answer(ctx, pair));
        });
        routes.post("/api/token/refresh", ctx -> {
            String token;
            if (cookie.enabled()) {
                String fromBody = bodies.readIfSent(ctx, Requests.RefreshOrCookie.class)
                        .map(Requests.RefreshOrCookie::refresh).orElse(null);
                token = cookie.token(ctx, fromBody);
            } else {
                token = bodies.read(ctx, Requests.Refresh.class).refresh();
            }
            replies.ok(ctx, cookie.answer(ctx, sessions.refresh(token, ClientInfos.of(ctx, addresses))));
        });
        routes.post("/api/token/verify", ctx -> {
            sessions.verify(bodies.read(ctx, Requests.Verify.class).token());
            replies.ok(ctx, new Responses.Empty());
        });
    }
}
