package dev.latchkey.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Answers the requests Jetty refuses before any route sees them (a header block or a URI over the
 * limits, a request line or header it cannot parse) with a problem body, like every other refusal,
 * instead of Jetty's HTML error page.
 */
final class JettyProblems extends ErrorHandler {

    private final Json json;

    JettyProblems(Json json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message,
                                    Throwable cause, Callback callback) {
        Problem problem = problemFor(status);
        response.setStatus(problem.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        // Jetty ends the connection after a request it refused unread; the client is told so.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(json.write(problem)), callback);
    }

    /** The problem for a status Jetty chose; Jetty's own message (which may echo input) is not used. */
    static Problem problemFor(int status) {
        return switch (status) {
            case 413 -> Problem.of(413, "Content Too Large", "payload_too_large", "The request body is too large.");
            case 414 -> Problem.of(414, "URI Too Long", "uri_too_long", "The request URI is too long.");
            case 431 -> Problem.of(431, "Request Header Fields Too Large", "headers_too_large",
                    "The request headers are too large.");
            // Jetty's 505 for an HTTP version it does not speak: still the client's mistake.
            case 505 -> Problem.of(400, "Bad Request", "bad_request", "This HTTP version is not supported.");
            default -> status >= 400 && status < 500
                    ? Problem.of(status, HttpStatus.getMessage(status), "bad_request", "The request could not be understood.")
                    : Problems.fromFramework(status);
        };
    }
}
