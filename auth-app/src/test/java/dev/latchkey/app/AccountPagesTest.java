package dev.latchkey.app;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two account pages in a JavaScript-capable browser (HtmlUnit), against the real server sending
 * its mail to a real SMTP server: the token comes from the link's fragment, the API's answers show.
 */
class AccountPagesTest {

    static final Mailbox mailbox = new Mailbox();
    @RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension smtp = mailbox.smtp;

    private static TestServer server;
    private static Api api;
    private static String base;

    @BeforeAll
    static void start() {
        server = TestServer.start(mailbox.serverEnv());
        api = server.api();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebClient browser() {
        WebClient browser = new WebClient(BrowserVersion.BEST_SUPPORTED);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        browser.getOptions().setCssEnabled(false);
        return browser;
    }

    private static String text(HtmlPage page, String id) {
        return page.getElementById(id).getTextContent();
    }

    private static void awaitText(WebClient browser, HtmlPage page, String id, String expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.waitForBackgroundJavaScript(100);
            return text(page, id).contains(expected);
        });
    }

    @Test
    void pagesAllowNoInlineScriptAndNothingFromAnotherOrigin() {
        for (String path : new String[] {"/account/reset-password/", "/account/verify-email/"}) {
            Api.Reply page = api.get(path);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'").doesNotContain("unsafe-inline", "http"));
            assertThat(page.body()).doesNotContain("<script>", "http://", "https://", "onclick", "onload");
        }
        assertThat(api.get("/account/reset-password/").body())
                .contains("<label for=\"new_password\">", "<label for=\"new_password_confirm\">");
        assertThat(api.get("/account/assets/account.js").status()).isEqualTo(200);
        Api.Reply head = api.send(api.request("/account/verify-email/").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Security-Policy")).isEqualTo(api.get("/account/verify-email/").header("Content-Security-Policy"));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void verifyPageVerifiesTheAddressOfTheLink() throws Exception {
        NewUser user = NewUser.unique();
        String id = api.registered(user);
        String token = mailbox.awaitToken(user.email(), 1);

        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(base + "/account/verify-email/#token=" + token);

            awaitText(browser, page, "status", "is verified");
            assertThat(page.getUrl().toString()).doesNotContain(token);
        }
        Api.Tokens tokens = api.loggedIn(user);
        assertThat(api.me(tokens.access()).json().get("email_verified").asBoolean()).as(id).isTrue();
    }

    @Test
    void verifyPageShowsTheTokenErrorOfASpentLink() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(base + "/account/verify-email/#token=not-a-real-token");

            awaitText(browser, page, "token-errors", "invalid or has expired");
        }
    }

    @Test
    void resetPageShowsFieldErrorsThenSetsTheNewPassword() throws Exception {
        NewUser user = NewUser.unique();
        api.registered(user);
        mailbox.awaitToken(user.email(), 1);
        api.post("/api/users/password-reset/", Map.of("email", user.email()));
        String token = mailbox.awaitToken(user.email(), 2);

        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(base + "/account/reset-password/#token=" + token);
            page.getHtmlElementById("new_password").type("short");
            page.getHtmlElementById("new_password_confirm").type("short");
            page.getHtmlElementById("submit").click();
            awaitText(browser, page, "new_password-errors", "too short");
            assertThat(page.getHtmlElementById("new_password").getAttribute("aria-invalid")).isEqualTo("true");

            page.getHtmlElementById("new_password").setAttribute("value", "");
            ((org.htmlunit.html.HtmlInput) page.getHtmlElementById("new_password")).setValue("Fresh-lantern-42");
            ((org.htmlunit.html.HtmlInput) page.getHtmlElementById("new_password_confirm")).setValue("Fresh-lantern-42");
            page.getHtmlElementById("submit").click();
            awaitText(browser, page, "status", "Your password has been reset");
        }
        assertThat(api.loggedIn(user.withPassword("Fresh-lantern-42")).access()).isNotBlank();
    }

    @Test
    void resetPageWithoutATokenSaysTheLinkIsIncomplete() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(base + "/account/reset-password/");
            awaitText(browser, page, "form-error", "incomplete");
        }
    }
}
