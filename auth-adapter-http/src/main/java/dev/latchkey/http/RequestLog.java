package dev.latchkey.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Writes one line per answered request to the {@code latchkey.http} logger, as key-value pairs the
 * log layout renders as text or JSON, for the requests its {@link RequestLogMode} takes, then passes
 * every request on (to metrics, say).
 */
final class RequestLog {

    private static final Logger log = LoggerFactory.getLogger("latchkey.http");

    private final RequestLogMode mode;
    private final Consumer<AnsweredRequest> next;

    RequestLog(RequestLogMode mode, Consumer<AnsweredRequest> next) {
        this.mode = mode;
        this.next = next;
    }

    void answered(Context ctx, Float executionTimeMs) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        AnsweredRequest request = new AnsweredRequest(ctx.method().name(),
                endpoint == null ? AnsweredRequest.UNMATCHED : endpoint.path,
                ctx.statusCode(),
                Math.round(executionTimeMs * 10) / 10.0,
                RequestIds.of(ctx));
        if (mode.logs(request.status())) {
            log.atInfo()
                    .addKeyValue("method", request.method())
                    .addKeyValue("route", request.route())
                    .addKeyValue("status", request.status())
                    .addKeyValue("duration_ms", request.durationMs())
                    .addKeyValue("request_id", request.requestId())
                    .log("request");
        }
        next.accept(request);
    }
}
