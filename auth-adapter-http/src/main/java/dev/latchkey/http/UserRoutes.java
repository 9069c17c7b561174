package dev.latchkey.http;

import dev.latchkey.core.Accounts;
import dev.latchkey.core.Sessions;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.Registration;
import io.javalin.config.RoutesConfig;

/** {@code /api/users/}: register, the caller's account, log out, change password. */
final class UserRoutes {

    private final Accounts accounts;
    private final Sessions sessions;
    private final BearerAuth auth;
    private final Bodies bodies;
    private final Replies replies;
    private final ClientAddresses addresses;
    private final RefreshCookie cookie;

    UserRoutes(Accounts accounts, Sessions sessions, BearerAuth auth, Bodies bodies, Replies replies,
               ClientAddresses addresses, RefreshCookie cookie) {
        this.cookie = cookie;
        this.accounts = accounts;
        this.sessions = sessions;
        this.auth = auth;
        this.bodies = bodies;
        this.replies = replies;
        this.addresses = addresses;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/users/register", ctx -> {
            Requests.Register body = bodies.read(ctx, Requests.Register.class);
            var user = accounts.register(new Registration(body.username(), body.email(), body.password(), body.passwordConfirm()),
                    ClientInfos.of(ctx, addresses));
            replies.created(ctx, Responses.UserBody.of(user));
        });
        routes.get("/api/users/me", ctx -> replies.ok(ctx, Responses.UserBody.of(accounts.currentUser(auth.caller(ctx)))));
        routes.post("/api/users/logout", ctx -> {
            Caller caller = auth.caller(ctx);
            String token = cookie.enabled()
                    ? cookie.token(ctx, bodies.readIfSent(ctx, Requests.LogOut.class).map(Requests.LogOut::token).orElse(null))
                    : bodies.read(ctx, Requests.LogOut.class).token();
            sessions.logOut(caller, token, ClientInfos.of(ctx, addresses));
            cookie.clear(ctx);
            replies.ok(ctx, new Responses.Detail("Successfully logged out."));
        });
        routes.post("/api/users/logout-all", ctx -> {
            int ended = sessions.logOutEverywhere(auth.caller(ctx), ClientInfos.of(ctx, addresses));
            cookie.clear(ctx);
            replies.ok(ctx, new Responses.LoggedOutEverywhere("Successfully logged out of all sessions.", ended));
        });
        routes.post("/api/users/change-password", ctx -> {
            Caller caller = auth.caller(ctx);
            Requests.ChangePassword body = bodies.read(ctx, Requests.ChangePassword.class);
            accounts.changePassword(caller, new PasswordChange(body.oldPassword(), body.newPassword(), body.newPasswordConfirm()),
                    ClientInfos.of(ctx, addresses));
            replies.ok(ctx, new Responses.Detail("Password changed."));
        });
    }
}
