package dev.latchkey.http;

/**
 * One answered request as the request log and metrics see it: never a header, a body or a query.
 *
 * @param route      the matched route pattern (e.g. {@code /api/users/sessions/{id}}), or
 *                   {@value #UNMATCHED} when none matched, so that it stays a small, fixed set
 * @param durationMs time from the request's arrival to its answer
 * @param requestId  the id sent back as {@code X-Request-Id}
 */
public record AnsweredRequest(String method, String route, int status, double durationMs, String requestId) {

    public static final String UNMATCHED = "unmatched";
}
