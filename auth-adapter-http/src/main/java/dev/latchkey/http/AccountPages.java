package dev.latchkey.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The two pages the links in Latchkey's messages open: choose a new password, and verify an address.
 * Plain HTML with a script and a style sheet of their own, all from this server; the token stays in
 * the URL's fragment, so it reaches no server log and no {@code Referer}.
 */
final class AccountPages {

    /** Scripts and styles from this origin only, never inline; the pages call this origin's API only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final byte[] resetPage = resource("reset-password.html");
    private final byte[] verifyPage = resource("verify-email.html");
    private final byte[] script = resource("account.js");
    private final byte[] styles = resource("account.css");

    void register(RoutesConfig routes) {
        page(routes, "/account/reset-password", "text/html; charset=utf-8", resetPage);
        page(routes, "/account/verify-email", "text/html; charset=utf-8", verifyPage);
        page(routes, "/account/assets/account.js", "text/javascript; charset=utf-8", script);
        page(routes, "/account/assets/account.css", "text/css; charset=utf-8", styles);
    }

    /** HEAD gets the same handler as every GET route (see {@code HttpApi}), so the same headers. */
    private static void page(RoutesConfig routes, String path, String type, byte[] body) {
        routes.get(path, ctx -> send(ctx, type, body));
    }

    private static void send(Context ctx, String type, byte[] body) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.contentType(type).result(body);
    }

    private static byte[] resource(String name) {
        String path = "dev/latchkey/http/pages/" + name;
        try (InputStream in = AccountPages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
