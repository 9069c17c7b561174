package dev.latchkey.http;

import java.util.List;
import java.util.Map;

/** A request refused at the HTTP edge, before any use case ran; {@link Problems} maps it. */
final class HttpFailure extends RuntimeException {

    enum Kind { BAD_REQUEST, MALFORMED_JSON, NOT_AUTHENTICATED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, FIELD_ERRORS, ORIGIN_NOT_ALLOWED }

    private final Kind kind;
    private final Map<String, List<String>> errors;

    private HttpFailure(Kind kind, String detail, Map<String, List<String>> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = errors;
    }

    static HttpFailure of(Kind kind, String detail) {
        return new HttpFailure(kind, detail, Map.of());
    }

    static HttpFailure fields(Map<String, List<String>> errors) {
        return new HttpFailure(Kind.FIELD_ERRORS, "Invalid input.", errors);
    }

    Kind kind() {
        return kind;
    }

    Map<String, List<String>> errors() {
        return errors;
    }
}
