package dev.latchkey.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two account pages in a real, headless Chromium, where one is installed (CHROMIUM_BIN and
 * CHROMEDRIVER_BIN, or chromium and chromedriver on the PATH); skipped, saying so, where none is.
 */
class AccountPagesChromiumTest {

    static final Mailbox mailbox = new Mailbox();
    @RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension smtp = mailbox.smtp;

    private static TestServer server;
    private static Api api;
    private static WebDriver chromium;

    @BeforeAll
    static void start() {
        Optional<File> browser = executable("CHROMIUM_BIN", "chromium", "chromium-browser", "google-chrome");
        Optional<File> driver = executable("CHROMEDRIVER_BIN", "chromedriver");
        assumeTrue(browser.isPresent() && driver.isPresent(), "no Chromium and chromedriver on this machine: skipped");
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser.get())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        chromium = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.get()).build(), options);
        server = TestServer.start(mailbox.serverEnv());
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Optional<File> executable(String variable, String... names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new File(configured)).filter(File::canExecute);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                File candidate = new File(dir, name);
                if (candidate.canExecute()) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void awaitText(String id, String expected) {
        new WebDriverWait(chromium, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
    }

    @Test
    void verifyPageVerifiesTheAddress() {
        NewUser user = NewUser.unique();
        api.registered(user);
        String token = mailbox.awaitToken(user.email(), 1);

        chromium.get(url("/account/verify-email/#token=" + token));

        awaitText("status", "is verified");
        assertThat(chromium.getCurrentUrl()).doesNotContain(token);
    }

    @Test
    void resetPageShowsTheRuleBrokenThenSetsThePassword() {
        NewUser user = NewUser.unique();
        api.registered(user);
        mailbox.awaitToken(user.email(), 1);
        api.post("/api/users/password-reset/", Map.of("email", user.email()));
        String token = mailbox.awaitToken(user.email(), 2);

        chromium.get(url("/account/reset-password/#token=" + token));
        chromium.findElement(By.id("new_password")).sendKeys("12345678");
        chromium.findElement(By.id("new_password_confirm")).sendKeys("12345678");
        chromium.findElement(By.id("submit")).click();
        awaitText("new_password-errors", "entirely numeric");

        for (String id : List.of("new_password", "new_password_confirm")) {
            chromium.findElement(By.id(id)).clear();
            chromium.findElement(By.id(id)).sendKeys("Chromium-lantern-9");
        }
        chromium.findElement(By.id("submit")).click();
        awaitText("status", "Your password has been reset");

        assertThat(api.loggedIn(user.withPassword("Chromium-lantern-9")).access()).isNotBlank();
    }

    @Test
    void pageRunsWithoutAnyContentSecurityPolicyViolation() {
        chromium.get(url("/account/verify-email/#token=unknown"));

        awaitText("token-errors", "invalid or has expired");
        Object violations = ((org.openqa.selenium.JavascriptExecutor) chromium).executeScript(
                "return performance.getEntriesByType('resource').filter(e => !e.name.startsWith(location.origin)).length");
        assertThat(violations).isEqualTo(0L);
    }
}
