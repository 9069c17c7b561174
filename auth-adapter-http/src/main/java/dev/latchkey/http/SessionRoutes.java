package dev.latchkey.http;

import dev.latchkey.core.ManageSessions;
import io.javalin.config.RoutesConfig;

/** {@code /api/users/sessions/}: the caller's active sessions, and ending one of them. */
final class SessionRoutes {

    private final ManageSessions sessions;
    private final BearerAuth auth;
    private final Replies replies;
    private final ClientAddresses addresses;

    SessionRoutes(ManageSessions sessions, BearerAuth auth, Replies replies, ClientAddresses addresses) {
        this.sessions = sessions;
        this.auth = auth;
        this.replies = replies;
        this.addresses = addresses;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/users/sessions", ctx -> replies.ok(ctx,
                sessions.list(auth.caller(ctx)).stream().map(Responses.SessionBody::of).toList()));
        routes.delete("/api/users/sessions/{id}", ctx -> {
            sessions.endSession(auth.caller(ctx), ctx.pathParam("id"), ClientInfos.of(ctx, addresses));
            replies.noContent(ctx);
        });
    }
}
