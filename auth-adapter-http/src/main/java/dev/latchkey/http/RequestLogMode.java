package dev.latchkey.http;

/** Which answered requests get a line in the request log ({@code latchkey.http}). */
public enum RequestLogMode {

    /** Every request. */
    ALL,
    /** Requests answered with a 4xx or 5xx status: the ones an operator looks for. */
    FAILURES,
    /** None; metrics, when on, still count every request. */
    OFF;

    boolean logs(int status) {
        return switch (this) {
            case ALL -> true;
            case FAILURES -> status >= 400;
            case OFF -> false;
        };
    }
}
