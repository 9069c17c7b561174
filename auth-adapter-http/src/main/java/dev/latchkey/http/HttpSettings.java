package dev.latchkey.http;

import java.util.List;

/**
 * What the HTTP edge needs to know beyond the use cases.
 *
 * @param corsOrigins    exact origins allowed by CORS; empty turns CORS off
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed
 * @param maxBodyBytes   the largest request body read
 */
public record HttpSettings(List<String> corsOrigins, List<String> trustedProxies, int maxBodyBytes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    public HttpSettings {
        corsOrigins = List.copyOf(corsOrigins);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(List.of(), List.of(), DEFAULT_MAX_BODY_BYTES);
    }
}
