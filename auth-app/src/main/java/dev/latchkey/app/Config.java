package dev.latchkey.app;

import dev.latchkey.core.domain.MailPolicy;
import dev.latchkey.http.RequestLogMode;
import dev.latchkey.mail.SmtpSettings;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of the server, read once from {@code AUTH_*} environment variables. Each default is
 * here and nowhere else; a bad value is a {@link BadSetting} naming its variable.
 */
public record Config(
        String host,
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String issuer,
        Optional<String> audience,
        String jwtAlgorithm,
        Optional<String> jwtSecret,
        Duration accessTtl,
        Duration refreshTtl,
        Duration sessionMax,
        Duration sessionCacheTtl,
        int bcryptCost,
        int passwordMinLength,
        int loginMaxFailures,
        int hashThreads,
        int hashQueue,
        List<String> trustedProxies,
        List<String> corsOrigins,
        Duration purgeInterval,
        Duration auditRetention,
        LogFormat logFormat,
        RequestLogMode requestLog,
        Optional<Integer> metricsPort,
        Duration shutdownTimeout,
        boolean refreshCookie,
        Duration refreshReuseGrace,
        MailConfig mail) {

    /** The variables this record reads, with their defaults ("" where there is none). */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("AUTH_HOST", "0.0.0.0"),
            Map.entry("AUTH_PORT", "8080"),
            Map.entry("AUTH_DATA_DIR", "./data"),
            Map.entry("AUTH_DB_URL", ""),
            Map.entry("AUTH_DB_USER", ""),
            Map.entry("AUTH_DB_PASSWORD", ""),
            Map.entry("AUTH_DB_POOL_SIZE", "10"),
            Map.entry("AUTH_ISSUER", "latchkey"),
            Map.entry("AUTH_AUDIENCE", ""),
            Map.entry("AUTH_JWT_ALG", "ES256"),
            Map.entry("AUTH_JWT_SECRET", ""),
            Map.entry("AUTH_ACCESS_TTL", "PT15M"),
            Map.entry("AUTH_REFRESH_TTL", "P7D"),
            Map.entry("AUTH_SESSION_MAX", "P30D"),
            Map.entry("AUTH_SESSION_CACHE_TTL", "PT2S"),
            Map.entry("AUTH_BCRYPT_COST", "12"),
            Map.entry("AUTH_PASSWORD_MIN_LENGTH", "8"),
            Map.entry("AUTH_LOGIN_MAX_FAILURES", "5"),
            Map.entry("AUTH_HASH_THREADS", ""),
            Map.entry("AUTH_HASH_QUEUE", "64"),
            Map.entry("AUTH_TRUSTED_PROXIES", ""),
            Map.entry("AUTH_CORS_ORIGINS", ""),
            Map.entry("AUTH_PURGE_INTERVAL", "PT1H"),
            Map.entry("AUTH_AUDIT_RETENTION", "P90D"),
            Map.entry("AUTH_LOG_FORMAT", "text"),
            Map.entry("AUTH_REQUEST_LOG", "failures"),
            Map.entry("AUTH_METRICS_PORT", ""),
            Map.entry("AUTH_SHUTDOWN_TIMEOUT", "PT20S"),
            Map.entry("AUTH_REFRESH_COOKIE", "false"),
            Map.entry("AUTH_REFRESH_REUSE_GRACE", "PT0S"),
            Map.entry("AUTH_PUBLIC_URL", ""),
            Map.entry("AUTH_MAIL", "log"),
            Map.entry("AUTH_MAIL_FROM", ""),
            Map.entry("AUTH_SMTP_HOST", ""),
            Map.entry("AUTH_SMTP_PORT", "587"),
            Map.entry("AUTH_SMTP_USER", ""),
            Map.entry("AUTH_SMTP_PASSWORD", ""),
            Map.entry("AUTH_SMTP_SECURITY", "starttls"),
            Map.entry("AUTH_PASSWORD_RESET_URL", ""),
            Map.entry("AUTH_EMAIL_VERIFY_URL", ""),
            Map.entry("AUTH_PASSWORD_RESET_TTL", "PT30M"),
            Map.entry("AUTH_EMAIL_VERIFY_TTL", "P2D"),
            Map.entry("AUTH_MAIL_MAX_PER_HOUR", "5"),
            Map.entry("AUTH_PASSWORD_RESET_MAX_PER_HOUR", "20"),
            Map.entry("AUTH_REQUIRE_VERIFIED_EMAIL", "false"));

    private static final List<String> ALGORITHMS = List.of("ES256", "RS256", "EdDSA", "HS256");

    /** A setting that cannot be used; the message is one line for the operator. */
    public static final class BadSetting extends RuntimeException {
        public BadSetting(String variable, String problem) {
            super(variable + ": " + problem, null, false, false);
        }
    }

    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    public static Config from(Map<String, String> env) {
        Reader r = new Reader(env);
        String algorithm = r.text("AUTH_JWT_ALG");
        if (!ALGORITHMS.contains(algorithm)) {
            throw new BadSetting("AUTH_JWT_ALG", "must be one of " + String.join(", ", ALGORITHMS) + ", not '" + algorithm + "'");
        }
        Optional<String> secret = r.optional("AUTH_JWT_SECRET");
        if (algorithm.equals("HS256")) {
            if (secret.isEmpty() || secret.get().getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new BadSetting("AUTH_JWT_SECRET", "HS256 needs a secret of at least 32 bytes");
            }
        } else if (secret.isPresent()) {
            throw new BadSetting("AUTH_JWT_SECRET", "is only used with AUTH_JWT_ALG=HS256");
        }
        Optional<String> dbUrl = r.optional("AUTH_DB_URL");
        dbUrl.filter(url -> !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:"))
                .ifPresent(url -> {
                    throw new BadSetting("AUTH_DB_URL", "must start with jdbc:postgresql: (or jdbc:h2:)");
                });
        Duration sessionMax = r.duration("AUTH_SESSION_MAX");
        Duration refreshTtl = r.duration("AUTH_REFRESH_TTL");
        Duration accessTtl = r.duration("AUTH_ACCESS_TTL");
        if (accessTtl.compareTo(refreshTtl) > 0) {
            throw new BadSetting("AUTH_ACCESS_TTL", "must not be longer than AUTH_REFRESH_TTL");
        }
        Duration refreshReuseGrace = r.durationAllowingZero("AUTH_REFRESH_REUSE_GRACE");
        if (refreshReuseGrace.compareTo(accessTtl) >= 0) {
            throw new BadSetting("AUTH_REFRESH_REUSE_GRACE", "must be shorter than AUTH_ACCESS_TTL");
        }
        int port = r.integer("AUTH_PORT", 0, 65_535);
        Optional<Integer> metricsPort = r.optional("AUTH_METRICS_PORT").isEmpty()
                ? Optional.empty()
                : Optional.of(r.integer("AUTH_METRICS_PORT", 0, 65_535));
        if (metricsPort.isPresent() && metricsPort.get() != 0 && metricsPort.get() == port) {
            throw new BadSetting("AUTH_METRICS_PORT", "must not be AUTH_PORT: metrics are never served on the public port");
        }
        String logFormat = r.text("AUTH_LOG_FORMAT").toLowerCase(Locale.ROOT);
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new BadSetting("AUTH_LOG_FORMAT", "must be text or json, not '" + logFormat + "'");
        }
        String requestLog = r.text("AUTH_REQUEST_LOG").toLowerCase(Locale.ROOT);
        if (!List.of("all", "failures", "off").contains(requestLog)) {
            throw new BadSetting("AUTH_REQUEST_LOG", "must be all, failures or off, not '" + requestLog + "'");
        }
        return new Config(
                r.text("AUTH_HOST"),
                port,
                r.path("AUTH_DATA_DIR"),
                dbUrl,
                r.text("AUTH_DB_USER"),
                r.text("AUTH_DB_PASSWORD"),
                r.integer("AUTH_DB_POOL_SIZE", 1, 1_000),
                r.required("AUTH_ISSUER"),
                r.optional("AUTH_AUDIENCE"),
                algorithm,
                secret,
                accessTtl,
                refreshTtl,
                sessionMax,
                r.durationAllowingZero("AUTH_SESSION_CACHE_TTL"),
                r.integer("AUTH_BCRYPT_COST", 4, 31),
                r.integer("AUTH_PASSWORD_MIN_LENGTH", 1, 128),
                r.integer("AUTH_LOGIN_MAX_FAILURES", 1, 1_000),
                r.optional("AUTH_HASH_THREADS").isEmpty()
                        ? Runtime.getRuntime().availableProcessors()
                        : r.integer("AUTH_HASH_THREADS", 1, 256),
                r.integer("AUTH_HASH_QUEUE", 1, 100_000),
                r.list("AUTH_TRUSTED_PROXIES", Config::checkAddress),
                r.list("AUTH_CORS_ORIGINS", Config::checkOrigin),
                r.duration("AUTH_PURGE_INTERVAL"),
                r.duration("AUTH_AUDIT_RETENTION"),
                LogFormat.valueOf(logFormat.toUpperCase(Locale.ROOT)),
                RequestLogMode.valueOf(requestLog.toUpperCase(Locale.ROOT)),
                metricsPort,
                r.durationAllowingZero("AUTH_SHUTDOWN_TIMEOUT"),
                r.bool("AUTH_REFRESH_COOKIE"),
                refreshReuseGrace,
                mail(r, port));
    }

    private static MailConfig mail(Reader r, int port) {
        String publicUrl = r.optional("AUTH_PUBLIC_URL").orElse("http://localhost:" + port);
        String problem = checkUrl(publicUrl, false);
        if (problem != null) {
            throw new BadSetting("AUTH_PUBLIC_URL", problem);
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        MailPolicy defaults = MailPolicy.defaults(publicUrl);
        String resetLink = r.optional("AUTH_PASSWORD_RESET_URL").orElse(defaults.resetLink());
        String verifyLink = r.optional("AUTH_EMAIL_VERIFY_URL").orElse(defaults.verifyLink());
        for (var link : Map.of("AUTH_PASSWORD_RESET_URL", resetLink, "AUTH_EMAIL_VERIFY_URL", verifyLink).entrySet()) {
            String wrong = checkUrl(link.getValue(), true);
            if (wrong != null) {
                throw new BadSetting(link.getKey(), wrong);
            }
        }
        MailPolicy policy = new MailPolicy(r.duration("AUTH_PASSWORD_RESET_TTL"), r.duration("AUTH_EMAIL_VERIFY_TTL"),
                r.integer("AUTH_MAIL_MAX_PER_HOUR", 1, 10_000), r.integer("AUTH_PASSWORD_RESET_MAX_PER_HOUR", 1, 1_000_000),
                resetLink, verifyLink);
        String mode = r.text("AUTH_MAIL").toLowerCase(Locale.ROOT);
        Optional<SmtpSettings> smtp = switch (mode) {
            case "log" -> Optional.empty();
            case "smtp" -> Optional.of(smtp(r));
            default -> throw new BadSetting("AUTH_MAIL", "must be log or smtp, not '" + mode + "'");
        };
        return new MailConfig(smtp, publicUrl, policy, r.bool("AUTH_REQUIRE_VERIFIED_EMAIL"));
    }

    private static SmtpSettings smtp(Reader r) {
        String host = r.optional("AUTH_SMTP_HOST")
                .orElseThrow(() -> new BadSetting("AUTH_SMTP_HOST", "must be set when AUTH_MAIL=smtp"));
        String from = r.optional("AUTH_MAIL_FROM")
                .orElseThrow(() -> new BadSetting("AUTH_MAIL_FROM", "must be set when AUTH_MAIL=smtp"));
        try {
            new jakarta.mail.internet.InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new BadSetting("AUTH_MAIL_FROM", "is not an e-mail address: '" + from + "'");
        }
        String security = r.text("AUTH_SMTP_SECURITY").toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "tls", "none").contains(security)) {
            throw new BadSetting("AUTH_SMTP_SECURITY", "must be starttls, tls or none, not '" + security + "'");
        }
        Optional<String> user = r.optional("AUTH_SMTP_USER");
        Optional<String> password = r.optional("AUTH_SMTP_PASSWORD");
        if (password.isPresent() && user.isEmpty()) {
            throw new BadSetting("AUTH_SMTP_USER", "must be set when AUTH_SMTP_PASSWORD is");
        }
        return new SmtpSettings(host, r.integer("AUTH_SMTP_PORT", 1, 65_535), user, password,
                SmtpSettings.Security.valueOf(security.toUpperCase(Locale.ROOT)), from, MailConfig.SMTP_TIMEOUT);
    }

    private static String checkUrl(String value, boolean template) {
        if (template && !value.contains(dev.latchkey.core.domain.MailPolicy.TOKEN_PLACEHOLDER)) {
            return "must hold {token}, where the token goes: '" + value + "'";
        }
        try {
            URI uri = new URI(value.replace(dev.latchkey.core.domain.MailPolicy.TOKEN_PLACEHOLDER, "t"));
            boolean ok = uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null;
            return ok ? null : "is not an http(s) URL: '" + value + "'";
        } catch (Exception e) {
            return "is not an http(s) URL: '" + value + "'";
        }
    }

    /** Whether the server keeps its data in PostgreSQL rather than the embedded H2 file. */
    public boolean usesPostgres() {
        return dbUrl.filter(url -> url.startsWith("jdbc:postgresql:")).isPresent();
    }

    /** The longest a token can live, which is how long a retired signing key must still verify. */
    public Duration longestTokenLifetime() {
        return refreshTtl.compareTo(sessionMax) < 0 ? refreshTtl : sessionMax;
    }

    @Override
    public String toString() {
        // Never print the database password, the JWT secret or the SMTP password.
        return "Config[port=" + port + ", dataDir=" + dataDir + ", db=" + dbUrl.orElse("h2") + ", alg=" + jwtAlgorithm + "]";
    }

    private static String checkAddress(String value) {
        String address = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return "is not an IP address or CIDR range: '" + value + "'";
        }
        try {
            InetAddress.getByName(address);
            if (value.contains("/")) {
                Integer.parseInt(value.substring(value.indexOf('/') + 1));
            }
            return null;
        } catch (UnknownHostException | NumberFormatException e) {
            return "is not an IP address or CIDR range: '" + value + "'";
        }
    }

    private static String checkOrigin(String value) {
        try {
            URI uri = new URI(value);
            boolean ok = (uri.getScheme() != null && uri.getScheme().matches("https?"))
                    && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty());
            return ok ? null : "is not an origin like https://app.example.com: '" + value + "'";
        } catch (Exception e) {
            return "is not an origin like https://app.example.com: '" + value + "'";
        }
    }

    /** Reads variables with their defaults and names the variable in every error. */
    private record Reader(Map<String, String> env) {

        String text(String name) {
            String value = env.get(name);
            return value == null ? DEFAULTS.get(name) : value.strip();
        }

        Optional<String> optional(String name) {
            return Optional.of(text(name)).filter(v -> !v.isEmpty());
        }

        String required(String name) {
            return optional(name).orElseThrow(() -> new BadSetting(name, "must not be empty"));
        }

        int integer(String name, int min, int max) {
            String value = required(name);
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new BadSetting(name, "must be between " + min + " and " + max + ", not " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new BadSetting(name, "must be a whole number, not '" + value + "'");
            }
        }

        Duration duration(String name) {
            Duration d = durationAllowingZero(name);
            if (d.isZero()) {
                throw new BadSetting(name, "must be longer than zero");
            }
            return d;
        }

        Duration durationAllowingZero(String name) {
            String value = required(name);
            try {
                Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new BadSetting(name, "must not be negative");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new BadSetting(name, "must be an ISO-8601 duration like PT15M or P7D, not '" + value + "'");
            }
        }

        boolean bool(String name) {
            String value = required(name).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new BadSetting(name, "must be true or false, not '" + value + "'");
            }
            return value.equals("true");
        }

        Path path(String name) {
            return Path.of(required(name));
        }

        List<String> list(String name, Function<String, String> check) {
            List<String> items = Arrays.stream(text(name).split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            for (String item : items) {
                String problem = check.apply(item);
                if (problem != null) {
                    throw new BadSetting(name, problem);
                }
            }
            return items;
        }
    }
}
