package dev.latchkey.http;

import io.javalin.http.Context;

/** Writes successful JSON answers; error answers are {@link Problems}' job. */
final class Replies {

    private final Json json;

    Replies(Json json) {
        this.json = json;
    }

    void ok(Context ctx, Object body) {
        send(ctx, 200, body);
    }

    void created(Context ctx, Object body) {
        send(ctx, 201, body);
    }

    void accepted(Context ctx, Object body) {
        send(ctx, 202, body);
    }

    void noContent(Context ctx) {
        ctx.status(204);
    }

    void rawJson(Context ctx, String body) {
        ctx.status(200).contentType("application/json").result(body);
    }

    private void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(json.write(body));
    }
}
