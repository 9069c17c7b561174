package dev.latchkey.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/** Reads request bodies within the limits: JSON content type, and never more than the size cap. */
final class Bodies {

    private final Json json;
    private final int maxBytes;

    Bodies(Json json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    <T> T read(Context ctx, Class<T> type) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().matches("application/json\\s*(;.*)?")) {
            throw HttpFailure.of(HttpFailure.Kind.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        return json.read(readAtMostLimit(ctx), type);
    }

    /**
     * As {@link #read}, but a request without a body (no {@code Content-Type}, nothing sent) is
     * absent rather than refused: in cookie mode a browser may send the token in the cookie alone.
     */
    <T> Optional<T> readIfSent(Context ctx, Class<T> type) {
        if (ctx.header("Content-Type") == null && ctx.req().getContentLengthLong() <= 0 && readAtMostLimit(ctx).length == 0) {
            return Optional.empty();
        }
        return Optional.of(read(ctx, type));
    }

    private byte[] readAtMostLimit(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw HttpFailure.of(HttpFailure.Kind.MALFORMED_JSON, "The body could not be read.");
        }
    }

    private HttpFailure tooLarge() {
        return HttpFailure.of(HttpFailure.Kind.PAYLOAD_TOO_LARGE, "The body is larger than " + maxBytes + " bytes.");
    }
}
