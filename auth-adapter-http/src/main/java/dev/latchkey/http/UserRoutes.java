package dev.latchkey.http;

import dev.latchkey.core.ChangePassword;
import dev.latchkey.core.CurrentUser;
import dev.latchkey.core.LogOut;
import dev.latchkey.core.Register;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.PasswordChange;
import dev.latchkey.core.domain.Registration;
import io.javalin.config.RoutesConfig;

/** {@code /api/users/}: register, the caller's account, log out, change password. */
final class UserRoutes {

    private final Register register;
    private final CurrentUser currentUser;
    private final LogOut logOut;
    private final ChangePassword changePassword;
    private final BearerAuth auth;
    private final Bodies bodies;
    private final Replies replies;
    private final ClientAddresses addresses;
    private final RefreshCookie cookie;

    UserRoutes(Register register, CurrentUser currentUser, LogOut logOut, ChangePassword changePassword,
               BearerAuth auth, Bodies bodies, Replies replies, ClientAddresses addresses, RefreshCookie cookie) {
        this.cookie = cookie;
        this.register = register;
        this.currentUser = currentUser;
        this.logOut = logOut;
        this.changePassword = changePassword;
        this.auth = auth;
        this.bodies = bodies;
        this.replies = replies;
        this.addresses = addresses;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/users/register", ctx -> {
            Requests.Register body = bodies.read(ctx, Requests.Register.class);
            var user = register.register(new Registration(body.username(), body.email(), body.password(), body.passwordConfirm()),
                    ClientInfos.of(ctx, addresses));
            replies.created(ctx, Responses.UserBody.of(user));
        });
        routes.get("/api/users/me", ctx -> replies.ok(ctx, Responses.UserBody.of(currentUser.of(auth.caller(ctx)))));
        routes.post("/api/users/logout", ctx -> {
            Caller caller = auth.caller(ctx);
            String token = cookie.enabled()
                    ? cookie.token(ctx, bodies.readIfSent(ctx, Requests.LogOut.class).map(Requests.LogOut::token).orElse(null))
                    : bodies.read(ctx, Requests.LogOut.class).token();
            logOut.logOut(caller, token, ClientInfos.of(ctx, addresses));
            cookie.clear(ctx);
            replies.ok(ctx, new Responses.Detail("Successfully logged out."));
        });
        routes.post("/api/users/logout-all", ctx -> {
            int ended = logOut.logOutEverywhere(auth.caller(ctx), ClientInfos.of(ctx, addresses));
            cookie.clear(ctx);
            replies.ok(ctx, new Responses.LoggedOutEverywhere("Successfully logged out of all sessions.", ended));
        });
        routes.post("/api/users/change-password", ctx -> {
            Caller caller = auth.caller(ctx);
            Requests.ChangePassword body = bodies.read(ctx, Requests.ChangePassword.class);
            changePassword.changePassword(caller, new PasswordChange(body.oldPassword(), body.newPassword(), body.newPasswordConfirm()),
                    ClientInfos.of(ctx, addresses));
            replies.ok(ctx, new Responses.Detail("Password changed."));
        });
    }
}
