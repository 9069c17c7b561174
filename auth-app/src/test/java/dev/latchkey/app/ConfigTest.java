package dev.latchkey.app;

import dev.latchkey.http.RequestLogMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void emptyEnvironmentGivesTheDocumentedDefaults() {
        Config config = Config.from(Map.of());

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.dbUrl()).isEmpty();
        assertThat(config.usesPostgres()).isFalse();
        assertThat(config.issuer()).isEqualTo("latchkey");
        assertThat(config.audience()).isEmpty();
        assertThat(config.jwtAlgorithm()).isEqualTo("ES256");
        assertThat(config.jwtSecret()).isEmpty();
        assertThat(config.accessTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.sessionMax()).isEqualTo(Duration.ofDays(30));
        assertThat(config.sessionCacheTtl()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.refreshCookie()).isFalse();
        assertThat(config.refreshReuseGrace()).isZero();
        assertThat(config.bcryptCost()).isEqualTo(12);
        assertThat(config.passwordMinLength()).isEqualTo(8);
        assertThat(config.loginMaxFailures()).isEqualTo(5);
        assertThat(config.trustedProxies()).isEmpty();
        assertThat(config.corsOrigins()).isEmpty();
    }

    @Test
    void emptyEnvironmentGivesTheDocumentedOperatorDefaults() {
        Config config = Config.from(Map.of());

        assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config.requestLog()).isEqualTo(RequestLogMode.FAILURES);
        assertThat(config.metricsPort()).isEmpty();
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void metricsPortAndJsonLogsAreReadWhenSet() {
        Config config = Config.from(Map.of("AUTH_METRICS_PORT", "9090", "AUTH_LOG_FORMAT", "JSON", "AUTH_REQUEST_LOG", "All"));

        assertThat(config.metricsPort()).contains(9090);
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.requestLog()).isEqualTo(RequestLogMode.ALL);
    }

    @Test
    void metricsOnThePublicPortAreRefused() {
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_PORT", "8080", "AUTH_METRICS_PORT", "8080")))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith("AUTH_METRICS_PORT");
    }

    @Test
    void everyDefaultParses() {
        assertThat(Config.from(Config.DEFAULTS)).isEqualTo(Config.from(Map.of()));
    }

    @Test
    void postgresUrlSelectsPostgres() {
        Config config = Config.from(Map.of("AUTH_DB_URL", "jdbc:postgresql://db:5432/latchkey"));

        assertThat(config.usesPostgres()).isTrue();
        assertThat(config.dbUrl()).isEqualTo(Optional.of("jdbc:postgresql://db:5432/latchkey"));
    }

    @Test
    void hs256WithALongEnoughSecretIsAccepted() {
        Config config = Config.from(Map.of("AUTH_JWT_ALG", "HS256", "AUTH_JWT_SECRET", "s".repeat(32)));

        assertThat(config.jwtAlgorithm()).isEqualTo("HS256");
    }

    @Test
    void corsOriginsAreReadAsAList() {
        Config config = Config.from(Map.of("AUTH_CORS_ORIGINS", "https://app.example.com, http://localhost:3000"));

        assertThat(config.corsOrigins()).isEqualTo(List.of("https://app.example.com", "http://localhost:3000"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "AUTH_PORT         | abc",
            "AUTH_PORT         | 70000",
            "AUTH_ACCESS_TTL   | 15 minutes",
            "AUTH_REFRESH_TTL  | -P1D",
            "AUTH_BCRYPT_COST  | 3",
            "AUTH_BCRYPT_COST  | 32",
            "AUTH_JWT_ALG      | none",
            "AUTH_JWT_ALG      | HS512",
            "AUTH_DB_URL       | mysql://db/latchkey",
            "AUTH_CORS_ORIGINS | not-an-origin",
            "AUTH_CORS_ORIGINS | https://app.example.com/path",
            "AUTH_TRUSTED_PROXIES | proxy.example.com",
            "AUTH_PASSWORD_MIN_LENGTH | 0",
            "AUTH_AUDIT_RETENTION  | P0D",
            "AUTH_AUDIT_RETENTION  | 90 days",
            "AUTH_LOG_FORMAT       | xml",
            "AUTH_REQUEST_LOG      | errors",
            "AUTH_METRICS_PORT     | ninety",
            "AUTH_METRICS_PORT     | 70000",
            "AUTH_SHUTDOWN_TIMEOUT | -PT1S",
            "AUTH_MAIL             | sendmail",
            "AUTH_PUBLIC_URL       | auth.example.com",
            "AUTH_PASSWORD_RESET_URL | https://app.example.com/reset",
            "AUTH_EMAIL_VERIFY_URL | ftp://example.com/{token}",
            "AUTH_PASSWORD_RESET_TTL | PT0S",
            "AUTH_EMAIL_VERIFY_TTL | two days",
            "AUTH_MAIL_MAX_PER_HOUR | 0",
            "AUTH_PASSWORD_RESET_MAX_PER_HOUR | many",
            "AUTH_REQUIRE_VERIFIED_EMAIL | yes",
    })
    void badValueNamesItsVariable(String variable, String value) {
        assertThatThrownBy(() -> Config.from(Map.of(variable, value)))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith(variable)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "AUTH_SMTP_HOST     | ''",
            "AUTH_MAIL_FROM     | not an address",
            "AUTH_SMTP_SECURITY | ssl",
            "AUTH_SMTP_PORT     | 0",
    })
    void badSmtpValueNamesItsVariable(String variable, String value) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AUTH_MAIL", "smtp", "AUTH_SMTP_HOST", "smtp.example.com",
                "AUTH_MAIL_FROM", "no-reply@example.com"));
        env.put(variable, value);
        assertThatThrownBy(() -> Config.from(env))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith(variable)
                .hasMessageNotContaining("\n");
    }

    @Test
    void mailDefaultsLinkToTheServersOwnPages() {
        Config config = Config.from(Map.of("AUTH_PORT", "9000"));

        assertThat(config.mail().smtp()).isEmpty();
        assertThat(config.mail().requireVerifiedEmail()).isFalse();
        assertThat(config.mail().policy().linkFor(dev.latchkey.core.domain.OneTimeToken.Purpose.PASSWORD_RESET, "T"))
                .isEqualTo("http://localhost:9000/account/reset-password/#token=T");
        assertThat(config.mail().policy().linkFor(dev.latchkey.core.domain.OneTimeToken.Purpose.EMAIL_VERIFICATION, "T"))
                .isEqualTo("http://localhost:9000/account/verify-email/#token=T");
        assertThat(config.mail().policy().resetTtl()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(config.mail().policy().verifyTtl()).isEqualTo(java.time.Duration.ofDays(2));
    }

    @Test
    void smtpSettingsAreReadWhenSet() {
        Config config = Config.from(Map.of("AUTH_MAIL", "smtp", "AUTH_SMTP_HOST", "smtp.example.com",
                "AUTH_MAIL_FROM", "Latchkey <no-reply@example.com>", "AUTH_SMTP_SECURITY", "tls", "AUTH_SMTP_PORT", "465",
                "AUTH_SMTP_USER", "mailer", "AUTH_SMTP_PASSWORD", "s3cret", "AUTH_PUBLIC_URL", "https://auth.example.com/"));

        var smtp = config.mail().smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.example.com");
        assertThat(smtp.port()).isEqualTo(465);
        assertThat(smtp.security()).isEqualTo(dev.latchkey.mail.SmtpSettings.Security.TLS);
        assertThat(smtp.toString()).doesNotContain("s3cret");
        assertThat(config.mail().publicUrl()).isEqualTo("https://auth.example.com");
    }

    @Test
    void hs256WithoutASecretNamesTheSecret() {
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_JWT_ALG", "HS256")))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith("AUTH_JWT_SECRET");
    }

    @Test
    void hs256WithASecretShorterThan32BytesNamesTheSecret() {
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_JWT_ALG", "HS256", "AUTH_JWT_SECRET", "s".repeat(31))))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith("AUTH_JWT_SECRET");
    }

    @Test
    void accessLifetimeLongerThanRefreshLifetimeIsRejected() {
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_ACCESS_TTL", "P8D")))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith("AUTH_ACCESS_TTL");
    }

    @Test
    void badValueIsNotEchoedWhenItIsTheSecret() {
        String secret = "short-but-secret";

        assertThatThrownBy(() -> Config.from(Map.of("AUTH_JWT_ALG", "HS256", "AUTH_JWT_SECRET", secret)))
                .hasMessageNotContaining(secret);
    }

    @Test
    void mainExitsWithStatus2AndOneLineNamingTheBadVariable() throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_PORT", "abc");
        Process process = ServerProcess.builder(env).start();
        process.getOutputStream().close();

        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("exited").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr.lines().toList()).singleElement().asString().contains("AUTH_PORT");
    }

    @Test
    void refreshCookieModeAndGraceWindowAreRead() {
        Config config = Config.from(Map.of("AUTH_REFRESH_COOKIE", "TRUE", "AUTH_REFRESH_REUSE_GRACE", "PT30S"));

        assertThat(config.refreshCookie()).isTrue();
        assertThat(config.refreshReuseGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refreshCookieMustBeTrueOrFalse() {
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_REFRESH_COOKIE", "yes")))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith("AUTH_REFRESH_COOKIE:");
    }

    @Test
    void refreshGraceWindowMustBeShorterThanTheAccessTokenLifetime() {
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_REFRESH_REUSE_GRACE", "PT15M")))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith("AUTH_REFRESH_REUSE_GRACE:");
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_REFRESH_REUSE_GRACE", "-PT1S")))
                .isInstanceOf(Config.BadSetting.class)
                .hasMessageStartingWith("AUTH_REFRESH_REUSE_GRACE:");
    }
}
