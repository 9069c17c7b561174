package dev.latchkey.http;

import dev.latchkey.core.domain.TokenPair;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;

/**
 * Cookie mode, for browser applications: the refresh token travels in an HttpOnly cookie that a page's
 * scripts cannot read, instead of the JSON body. A request whose token comes from the cookie is refused
 * when it carries an {@code Origin} that is neither the server's own nor a listed CORS origin, since a
 * browser attaches cookies to whoever makes it send the request.
 */
final class RefreshCookie {

    static final String NAME = "__Host-latchkey-refresh";
    private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=";

    private final boolean enabled;
    private final long maxAgeSeconds;
    private final List<String> listedOrigins;
    private final ClientAddresses addresses;

    RefreshCookie(HttpSettings settings, ClientAddresses addresses) {
        this.enabled = settings.refreshCookie();
        this.maxAgeSeconds = settings.refreshCookieMaxAge().toSeconds();
        this.listedOrigins = settings.corsOrigins().stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.addresses = addresses;
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The refresh token to use: the body's when it has one, else the cookie's, if the request's origin
     * may rely on the cookie.
     *
     * @throws HttpFailure {@code ORIGIN_NOT_ALLOWED} when the token would come from the cookie of a
     *                     request sent by a foreign origin
     */
    String token(Context ctx, String fromBody) {
        if (fromBody != null || !enabled) {
            return fromBody;
        }
        String fromCookie = ctx.cookie(NAME);
        if (fromCookie == null || fromCookie.isEmpty()) {
            return null;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !isAllowed(origin.strip().toLowerCase(Locale.ROOT), ctx)) {
            throw HttpFailure.of(HttpFailure.Kind.ORIGIN_NOT_ALLOWED,
                    "Requests from this origin may not use the refresh cookie.");
        }
        return fromCookie;
    }

    /** The answer to a login or refresh: in cookie mode the refresh token goes into the cookie only. */
    Object answer(Context ctx, TokenPair pair) {
        if (!enabled) {
            return Responses.TokenPairBody.of(pair);
        }
        ctx.res().addHeader("Set-Cookie", NAME + "=" + pair.refresh() + ATTRIBUTES + maxAgeSeconds);
        return Responses.AccessBody.of(pair);
    }

    /** Tells the browser to drop the cookie, after the session ended. */
    void clear(Context ctx) {
        if (enabled) {
            ctx.res().addHeader("Set-Cookie", NAME + "=" + ATTRIBUTES + 0);
        }
    }

    private boolean isAllowed(String origin, Context ctx) {
        return listedOrigins.contains(origin) || origin.equals(ownOrigin(ctx));
    }

    /**
     * The origin the client reached: the request's scheme and {@code Host}, or, from a trusted proxy,
     * its {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}; a default port is left out, as
     * browsers leave it out of {@code Origin}.
     */
    private String ownOrigin(Context ctx) {
        boolean proxied = addresses.isTrustedProxy(ctx);
        String scheme = firstOf(proxied ? ctx.header("X-Forwarded-Proto") : null, ctx.scheme());
        String host = firstOf(proxied ? ctx.header("X-Forwarded-Host") : null, ctx.header("Host"));
        if (host == null) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        String defaultPort = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : null;
        if (defaultPort != null && host.endsWith(defaultPort)) {
            host = host.substring(0, host.length() - defaultPort.length());
        }
        return scheme + "://" + host;
    }

    /** The first value of a possibly comma-separated header, or {@code fallback} when it has none. */
    private static String firstOf(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
