package dev.latchkey.http;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.domain.PasswordReset;
import io.javalin.config.RoutesConfig;

/** {@code /api/users/password-reset/} and {@code /api/users/verify-email/}: recovery and verification by e-mail. */
final class RecoveryRoutes {

    private final Latchkey latchkey;
    private final BearerAuth auth;
    private final Bodies bodies;
    private final Replies replies;
    private final ClientAddresses addresses;

    RecoveryRoutes(Latchkey latchkey, BearerAuth auth, Bodies bodies, Replies replies, ClientAddresses addresses) {
        this.latchkey = latchkey;
        this.auth = auth;
        this.bodies = bodies;
        this.replies = replies;
        this.addresses = addresses;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/users/password-reset", ctx -> {
            Requests.PasswordResetRequest body = bodies.read(ctx, Requests.PasswordResetRequest.class);
            latchkey.requestPasswordReset().request(body.email(), ClientInfos.of(ctx, addresses));
            replies.accepted(ctx, new Responses.Detail(
                    "If an active account has this address, a message with a reset link is on its way."));
        });
        routes.post("/api/users/password-reset/confirm", ctx -> {
            Requests.PasswordResetConfirm body = bodies.read(ctx, Requests.PasswordResetConfirm.class);
            latchkey.resetPassword().reset(new PasswordReset(body.token(), body.newPassword(), body.newPasswordConfirm()),
                    ClientInfos.of(ctx, addresses));
            replies.ok(ctx, new Responses.Detail("Your password has been reset. Log in with the new one."));
        });
        routes.post("/api/users/verify-email", ctx -> {
            Requests.VerifyEmail body = bodies.read(ctx, Requests.VerifyEmail.class);
            replies.ok(ctx, Responses.UserBody.of(latchkey.verifyEmail().verify(body.token(), ClientInfos.of(ctx, addresses))));
        });
        routes.post("/api/users/verify-email/resend", ctx -> {
            latchkey.resendVerification().resend(auth.caller(ctx), ClientInfos.of(ctx, addresses));
            replies.accepted(ctx, new Responses.Detail("A new verification link is on its way."));
        });
    }
}
