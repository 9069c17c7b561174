package dev.latchkey.http;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** An RFC 9457 problem details body; {@code errors} only for field validation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String code,
               Map<String, List<String>> errors, String requestId) {

    static final String TYPE_BASE = "https://latchkey.dev/problems/";

    static Problem of(int status, String title, String code, String detail) {
        return new Problem(TYPE_BASE + code, title, status, detail, code, null, null);
    }

    Problem withErrors(Map<String, List<String>> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors, requestId);
    }

    Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, code, errors, id);
    }
}
