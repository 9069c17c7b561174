package dev.latchkey.http;

import io.javalin.http.Context;

import java.util.concurrent.ThreadLocalRandom;

/** A short random id per request, sent as X-Request-Id and written beside every logged failure. */
final class RequestIds {

    private static final String ATTRIBUTE = "latchkey.requestId";

    private RequestIds() {
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
            ctx.attribute(ATTRIBUTE, id);
        }
        return id;
    }
}
