package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Cookie mode over HTTP: the refresh token in an HttpOnly cookie, guarded by the request's origin. */
class RefreshCookieE2ETest {

    private static final String LISTED = "https://app.example.test";
    private static final String FOREIGN = "https://evil.example.test";
    private static final long REFRESH_SECONDS = 86_400;
    private static final Pattern SET = Pattern.compile(
            "__Host-latchkey-refresh=([A-Za-z0-9_.-]+); Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + REFRESH_SECONDS);
    private static final String CLEARED = "__Host-latchkey-refresh=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of(
                "AUTH_REFRESH_COOKIE", "true",
                "AUTH_REFRESH_TTL", "P1D",
                "AUTH_CORS_ORIGINS", LISTED));
    private static final Api api = server.api();

    /** A browser's session: the access token the page keeps, the cookie the browser keeps. */
    private record Browser(String access, String cookie) {
    }

    private static String cookieOf(Reply reply) {
        List<String> set = reply.headers().allValues("Set-Cookie");
        assertThat(set).as("Set-Cookie of %s", reply.body()).hasSize(1);
        Matcher m = SET.matcher(set.get(0));
        assertThat(m.matches()).as("Set-Cookie %s", set.get(0)).isTrue();
        return m.group(1);
    }

    private static Browser loggedIn() {
        NewUser user = NewUser.unique();
        api.registered(user);
        Reply reply = api.logIn(user);
        assertThat(reply.status()).isEqualTo(200);
        return new Browser(reply.json().get("access").asText(), cookieOf(reply));
    }

    private static HttpRequest.Builder withCookie(String path, String cookie, String origin) {
        HttpRequest.Builder request = api.request(path).header("Cookie", "__Host-latchkey-refresh=" + cookie);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request;
    }

    private static Reply refreshByCookie(String cookie, String origin) {
        return api.send(withCookie("/api/token/refresh/", cookie, origin).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String ownOrigin() {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndLeavesTheRefreshTokenOutOfTheBody() {
        NewUser user = NewUser.unique();
        api.registered(user);

        Reply reply = api.logIn(user);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(cookieOf(reply)).isNotEmpty();
        assertThat(reply.json().has("refresh")).isFalse();
        assertThat(reply.json().get("access").asText()).isNotEmpty();
        assertThat(api.me(reply.json().get("access").asText()).status()).isEqualTo(200);
    }

    @Test
    void refreshByCookieRotatesTheCookie() {
        Browser browser = loggedIn();

        Reply reply = refreshByCookie(browser.cookie(), null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().has("refresh")).isFalse();
        String rotated = cookieOf(reply);
        assertThat(rotated).isNotEqualTo(browser.cookie());
        assertThat(api.me(reply.json().get("access").asText()).status()).isEqualTo(200);
        assertThat(refreshByCookie(rotated, ownOrigin()).status()).isEqualTo(200);
    }

    @Test
    void aSpentCookiePresentedAgainEndsTheSession() {
        Browser browser = loggedIn();
        Reply first = refreshByCookie(browser.cookie(), null);
        String rotated = cookieOf(first);

        refreshByCookie(browser.cookie(), null).assertProblem(401, "token_not_valid");

        refreshByCookie(rotated, null).assertProblem(401, "token_not_valid");
        api.me(first.json().get("access").asText()).assertProblem(401, "token_not_valid");
    }

    @Test
    void aRefreshTokenInTheBodyIsStillAcceptedAndWinsOverTheCookie() {
        Browser browser = loggedIn();

        Reply reply = api.send(withCookie("/api/token/refresh/", "not-a-token", FOREIGN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("refresh", browser.cookie())), StandardCharsets.UTF_8)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(cookieOf(reply)).isNotEqualTo(browser.cookie());
    }

    @Test
    void aForeignOriginRelyingOnTheCookieIsRefusedAndNothingIsSpent() {
        Browser browser = loggedIn();

        refreshByCookie(browser.cookie(), FOREIGN).assertProblem(403, "origin_not_allowed");
        refreshByCookie(browser.cookie(), "null").assertProblem(403, "origin_not_allowed");

        assertThat(refreshByCookie(browser.cookie(), ownOrigin()).status()).isEqualTo(200);
    }

    @Test
    void aListedOriginMayRefreshWithCredentials() {
        Browser browser = loggedIn();

        Reply reply = refreshByCookie(browser.cookie(), LISTED);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).hasValue(LISTED);
        assertThat(reply.header("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    void aPreflightFromAListedOriginAllowsCredentials() {
        Reply reply = api.send(api.request("/api/token/refresh/")
                .header("Origin", LISTED)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).isBetween(200, 204);
        assertThat(reply.header("Access-Control-Allow-Origin")).hasValue(LISTED);
        assertThat(reply.header("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    void aPreflightFromAForeignOriginIsNotAllowed() {
        Reply reply = api.send(api.request("/api/token/refresh/")
                .header("Origin", FOREIGN)
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void logoutByCookieEndsTheSessionAndClearsTheCookie() {
        Browser browser = loggedIn();

        Reply reply = api.send(withCookie("/api/users/logout/", browser.cookie(), ownOrigin())
                .header("Authorization", "Bearer " + browser.access())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().allValues("Set-Cookie")).containsExactly(CLEARED);
        refreshByCookie(browser.cookie(), null).assertProblem(401, "token_not_valid");
        api.me(browser.access()).assertProblem(401, "token_not_valid");
    }

    @Test
    void logoutByCookieFromAForeignOriginIsRefusedAndEndsNothing() {
        Browser browser = loggedIn();

        api.send(withCookie("/api/users/logout/", browser.cookie(), FOREIGN)
                        .header("Authorization", "Bearer " + browser.access())
                        .POST(HttpRequest.BodyPublishers.noBody()))
                .assertProblem(403, "origin_not_allowed");

        assertThat(api.me(browser.access()).status()).isEqualTo(200);
    }

    @Test
    void logoutEverywhereClearsTheCookie() {
        Browser browser = loggedIn();

        Reply reply = api.send(withCookie("/api/users/logout-all/", browser.cookie(), LISTED)
                .header("Authorization", "Bearer " + browser.access())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().allValues("Set-Cookie")).containsExactly(CLEARED);
        refreshByCookie(browser.cookie(), null).assertProblem(401, "token_not_valid");
    }

    @Test
    void aRefreshWithNeitherBodyNorCookieNamesTheMissingField() {
        api.send(api.request("/api/token/refresh/").POST(HttpRequest.BodyPublishers.noBody()))
                .assertFieldError("refresh");
    }
}
