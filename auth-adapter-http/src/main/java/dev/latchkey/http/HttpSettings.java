package dev.latchkey.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTP edge needs to know beyond the use cases.
 *
 * @param corsOrigins    exact origins allowed by CORS; empty turns CORS off
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed
 * @param maxBodyBytes   the largest request body read
 * @param stopTimeout    how long stopping waits for in-flight requests to finish
 * @param requestLog     which answered requests are written to the request log
 * @param refreshCookie  cookie mode: the refresh token travels in the {@code __Host-latchkey-refresh}
 *                       cookie instead of the body, and listed CORS origins may send credentials
 * @param refreshCookieMaxAge the cookie's {@code Max-Age}: the refresh token's lifetime
 */
public record HttpSettings(List<String> corsOrigins, List<String> trustedProxies, int maxBodyBytes,
                           Duration stopTimeout, RequestLogMode requestLog, boolean refreshCookie,
                           Duration refreshCookieMaxAge) {

    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(20);

    public HttpSettings {
        corsOrigins = List.copyOf(corsOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must not be negative");
        }
        Objects.requireNonNull(requestLog, "requestLog");
        Objects.requireNonNull(refreshCookieMaxAge, "refreshCookieMaxAge");
    }

    public HttpSettings(List<String> corsOrigins, List<String> trustedProxies, int maxBodyBytes,
                        Duration stopTimeout, RequestLogMode requestLog) {
        this(corsOrigins, trustedProxies, maxBodyBytes, stopTimeout, requestLog, false, Duration.ZERO);
    }

    /** These settings in cookie mode, the cookie living as long as a refresh token: {@code maxAge}. */
    public HttpSettings withRefreshCookie(Duration maxAge) {
        return new HttpSettings(corsOrigins, trustedProxies, maxBodyBytes, stopTimeout, requestLog, true, maxAge);
    }

    public HttpSettings(List<String> corsOrigins, List<String> trustedProxies, int maxBodyBytes) {
        this(corsOrigins, trustedProxies, maxBodyBytes, DEFAULT_STOP_TIMEOUT, RequestLogMode.FAILURES);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(List.of(), List.of(), DEFAULT_MAX_BODY_BYTES);
    }
}
