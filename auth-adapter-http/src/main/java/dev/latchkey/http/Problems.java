package dev.latchkey.http;

import dev.latchkey.core.domain.AuthFailure;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The one place that turns a refusal into a status, a problem {@code code} and a body. Routes throw;
 * they never build error responses. Unexpected exceptions become a 500 with a request id: the details
 * go to the log, never to the client. A lost database reaches this class as the domain's
 * {@code Unavailable} (the storage adapter translates it), never as a driver's exception.
 */
final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final String BEARER_CHALLENGE = "Bearer";
    private static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private final Json json;

    Problems(Json json) {
        this.json = json;
    }

    void handle(Exception e, Context ctx) {
        Problem problem;
        if (e instanceof AuthFailure failure) {
            problem = fromDomain(failure, ctx);
        } else if (e instanceof HttpFailure failure) {
            problem = fromEdge(failure, ctx);
        } else if (e instanceof HttpResponseException response) {
            problem = fromFramework(response.getStatus());
        } else {
            log.error("unexpected failure in {} {} [{}]", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            problem = Problem.of(500, "Internal Server Error", "internal_error",
                    "Something went wrong on our side. Quote the request id when reporting it.");
        }
        write(ctx, problem);
    }

    private Problem fromDomain(AuthFailure failure, Context ctx) {
        if (failure instanceof AuthFailure.ValidationFailed v) {
            return validation(ValidationMessages.errors(v.violations()));
        } else if (failure instanceof AuthFailure.InvalidCredentials) {
            return Problem.of(401, "Unauthorized", "invalid_credentials", failure.getMessage());
        } else if (failure instanceof AuthFailure.TokenRejected) {
            ctx.header("WWW-Authenticate", INVALID_TOKEN_CHALLENGE);
            // The reason stays in the server: it would only help someone crafting tokens.
            return Problem.of(401, "Unauthorized", "token_not_valid", "Token is invalid or expired.");
        } else if (failure instanceof AuthFailure.EmailNotVerified) {
            return Problem.of(403, "Forbidden", "email_not_verified",
                    "Verify your e-mail address first: open the link in the message sent to it.");
        } else if (failure instanceof AuthFailure.Throttled t) {
            ctx.header("Retry-After", Long.toString(t.retryAfter().toSeconds()));
            return Problem.of(429, "Too Many Requests", "too_many_requests",
                    "Too many failed attempts. Try again in " + t.retryAfter().toSeconds() + " s.");
        } else if (failure instanceof AuthFailure.NotFound) {
            return Problem.of(404, "Not Found", "not_found", failure.getMessage());
        } else if (failure instanceof AuthFailure.Unavailable u) {
            return unavailable(ctx, u.retryAfter(), "The server is busy. Try again shortly.");
        }
        throw new IllegalStateException("unmapped failure " + failure.getClass());
    }

    private static Problem fromEdge(HttpFailure failure, Context ctx) {
        return switch (failure.kind()) {
            case BAD_REQUEST -> Problem.of(400, "Bad Request", "bad_request", failure.getMessage());
            case MALFORMED_JSON -> Problem.of(400, "Bad Request", "malformed_json", failure.getMessage());
            case FIELD_ERRORS -> validation(failure.errors());
            case NOT_AUTHENTICATED -> {
                ctx.header("WWW-Authenticate", BEARER_CHALLENGE);
                yield Problem.of(401, "Unauthorized", "not_authenticated", failure.getMessage());
            }
            case PAYLOAD_TOO_LARGE -> Problem.of(413, "Content Too Large", "payload_too_large", failure.getMessage());
            case UNSUPPORTED_MEDIA_TYPE ->
                    Problem.of(415, "Unsupported Media Type", "unsupported_media_type", failure.getMessage());
            case ORIGIN_NOT_ALLOWED -> Problem.of(403, "Forbidden", "origin_not_allowed", failure.getMessage());
        };
    }

    /** Javalin's own refusals: no route, wrong method, a body it would not read. */
    static Problem fromFramework(int status) {
        return switch (status) {
            case 404 -> Problem.of(404, "Not Found", "not_found", "No such resource.");
            case 405 -> Problem.of(405, "Method Not Allowed", "method_not_allowed", "This method is not allowed here.");
            case 413 -> Problem.of(413, "Content Too Large", "payload_too_large", "The request body is too large.");
            case 415 -> Problem.of(415, "Unsupported Media Type", "unsupported_media_type", "Send application/json.");
            default -> status >= 500
                    ? Problem.of(500, "Internal Server Error", "internal_error", "Something went wrong on our side.")
                    : Problem.of(400, "Bad Request", "bad_request", "The request could not be understood.");
        };
    }

    private static Problem validation(java.util.Map<String, java.util.List<String>> errors) {
        return Problem.of(400, "Bad Request", "validation_failed", "One or more fields are invalid.").withErrors(errors);
    }

    private static Problem unavailable(Context ctx, Duration retryAfter, String detail) {
        ctx.header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        return Problem.of(503, "Service Unavailable", "service_unavailable", detail);
    }

    void write(Context ctx, Problem problem) {
        SecurityHeaders.apply(ctx);
        ctx.status(problem.status())
                .contentType("application/problem+json")
                // Only a 500 needs the id in its body, to be quoted in a report; every response has
                // the X-Request-Id header, and equal refusals keep byte-identical bodies.
                .result(json.write(problem.status() >= 500 ? problem.withRequestId(RequestIds.of(ctx)) : problem));
    }
}
