package dev.latchkey.http;

import dev.latchkey.core.Authenticate;
import dev.latchkey.core.LogIn;
import dev.latchkey.core.Refresh;
import dev.latchkey.core.domain.Credentials;
import io.javalin.config.RoutesConfig;

/** {@code /api/token/}: log in, refresh with rotation, verify. Paths as simplejwt has them. */
final class TokenRoutes {

    private final LogIn logIn;
    private final Refresh refresh;
    private final Authenticate authenticate;
    private final Bodies bodies;
    private final Replies replies;
    private final ClientAddresses addresses;
    private final RefreshCookie cookie;

    TokenRoutes(LogIn logIn, Refresh refresh, Authenticate authenticate, Bodies bodies, Replies replies,
                ClientAddresses addresses, RefreshCookie cookie) {
        this.logIn = logIn;
        this.refresh = refresh;
        this.authenticate = authenticate;
        this.bodies = bodies;
        this.replies = replies;
        this.addresses = addresses;
        this.cookie = cookie;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/token", ctx -> {
            Requests.LogIn body = bodies.read(ctx, Requests.LogIn.class);
            var pair = logIn.logIn(new Credentials(body.login(), body.password()), ClientInfos.of(ctx, addresses));
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
            replies.ok(ctx, cookie.answer(ctx, refresh.refresh(token, ClientInfos.of(ctx, addresses))));
        });
        routes.post("/api/token/verify", ctx -> {
            authenticate.verify(bodies.read(ctx, Requests.Verify.class).token());
            replies.ok(ctx, new Responses.Empty());
        });
    }
}
