package dev.latchkey.app;

import dev.latchkey.core.CommonPasswords;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.RepositorySessionGate;
import dev.latchkey.core.RotateSigningKeys;
import dev.latchkey.core.cache.CachedSessionGate;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.BoundedPasswordHasher;
import dev.latchkey.core.crypto.NimbusTokenIssuer;
import dev.latchkey.core.crypto.SigningKeys;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.SessionPolicy;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.Mailer;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.TokenIssuer;
import dev.latchkey.core.port.UserRepository;
import dev.latchkey.http.AnsweredRequest;
import dev.latchkey.http.HttpApi;
import dev.latchkey.http.HttpSettings;
import dev.latchkey.jdbi.Database;
import dev.latchkey.jdbi.DatabaseSettings;
import dev.latchkey.jdbi.JdbiAuditLog;
import dev.latchkey.jdbi.JdbiOneTimeTokenRepository;
import dev.latchkey.jdbi.JdbiRateLimit;
import dev.latchkey.jdbi.JdbiSessionRepository;
import dev.latchkey.jdbi.JdbiSigningKeyRepository;
import dev.latchkey.jdbi.JdbiUserRepository;
import dev.latchkey.jdbi.PostgresSessionEndListener;
import dev.latchkey.mail.QueuedMailer;
import dev.latchkey.mail.SmtpMailer;
import dev.latchkey.nativecrypto.NativeCrypto;
import io.javalin.Javalin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Builds Latchkey from its parts with plain constructors, in order: metrics, storage, the audit
 * trail, keys, hashing, mail, the use cases, housekeeping, then HTTP. Reading this class top to bottom is
 * reading the architecture.
 */
final class Wiring implements AutoCloseable {

    /** Messages (and reset requests) waiting at most; an SMTP server down for a while fills it slowly. */
    private static final int MAIL_QUEUE = 1_000;
    /** Deliveries tried per message, 5 s apart and doubling: about 75 s in all. */
    private static final int MAIL_ATTEMPTS = 5;
    private static final Duration MAIL_FIRST_RETRY = Duration.ofSeconds(5);

    final Config config;
    /** Present when {@code AUTH_METRICS_PORT} is set; with metrics off nothing is counted at all. */
    final Optional<PrometheusMetrics> metrics;
    final Database database;
    final SigningKeys keys;
    final RotateSigningKeys keyRotation;
    final Latchkey latchkey;
    final CachedSessionGate gate;
    final Housekeeping housekeeping;
    /** On PostgreSQL: hears sessions ended by any instance, so this one's cache drops them at once. */
    final Optional<PostgresSessionEndListener> sessionEnds;
    /** Where messages go: the log, or the SMTP queue. */
    final Mailer mailer;
    private final AfterAnswer afterAnswer;
    private final BoundedPasswordHasher hasher;
    /** Which implementations compute bcrypt and ES256 and how hashing threads run, checked at start. */
    final NativeCrypto crypto;
    /** Set when the server starts stopping: from then on it is not ready for traffic. */
    private volatile boolean draining;

    private Wiring(Config config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        metrics = config.metricsPort().map(port -> new PrometheusMetrics());

        // Independent start-up work runs beside the database's opening and migration.
        CompletableFuture<Set<String>> commonPasswords = CompletableFuture.supplyAsync(CommonPasswords::shipped);
        CompletableFuture.runAsync(HttpApi::warmUp);
        CompletableFuture<NativeCrypto> cryptoLoaded = CompletableFuture.supplyAsync(NativeCrypto::load);
        database = Database.open(databaseSettings(config));
        metrics.ifPresent(m -> m.bindPool(database.dataSource()));
        UserRepository users = new JdbiUserRepository(database.jdbi());
        SessionRepository sessionStore = new JdbiSessionRepository(database.jdbi());

        // Stored first, then logged, then counted: a line in the log or a count means a stored event.
        AuditLog audit = new LoggingAuditLog(new JdbiAuditLog(database.jdbi()));
        if (metrics.isPresent()) {
            audit = new MeteredAuditLog(audit, metrics.get().registry());
        }

        crypto = cryptoLoaded.join();
        keys = config.jwtSecret().isPresent()
                ? SigningKeys.sharedSecret(config.jwtSecret().get().getBytes(StandardCharsets.UTF_8))
                : SigningKeys.stored(config.jwtAlgorithm(), new JdbiSigningKeyRepository(database.jdbi()), clock);
        keyRotation = new RotateSigningKeys(keys, audit, config.longestTokenLifetime(), clock);
        TokenIssuer tokens = new NimbusTokenIssuer(keys, config.issuer(), config.audience().orElse(null), clock, crypto.jws());

        hasher = new BoundedPasswordHasher(new BcryptPasswordHasher(config.bcryptCost(), crypto.bcrypt()),
                config.hashThreads(), config.hashQueue(), crypto.hashingThreads());
        metrics.ifPresent(m -> m.bindHashingQueue(hasher));
        gate = new CachedSessionGate(new RepositorySessionGate(sessionStore, users), config.sessionCacheTtl(), 100_000);
        sessionEnds = config.usesPostgres()
                ? Optional.of(PostgresSessionEndListener.start(databaseSettings(config), id -> gate.forget(List.of(id)), gate::forgetAll))
                : Optional.empty();
        // Mail: reset and verification links, their tokens and the hourly limits kept in the database.
        MailConfig mail = config.mail();
        AuditLog trail = audit;
        mailer = mail.smtp().<Mailer>map(smtp -> new QueuedMailer(new SmtpMailer(smtp), MAIL_QUEUE, MAIL_ATTEMPTS,
                MAIL_FIRST_RETRY, trail, clock)).orElseGet(LogMailer::new);
        afterAnswer = new AfterAnswer(MAIL_QUEUE);
        latchkey = Latchkey.builder()
                .users(users)
                .sessions(sessionStore)
                .gate(gate)
                .hasher(hasher)
                .tokens(tokens)
                .audit(audit)
                .throttles(Latchkey.inMemoryThrottles(config.loginMaxFailures()))
                .passwordPolicy(new PasswordPolicy(config.passwordMinLength(), commonPasswords.join()))
                .sessionPolicy(new SessionPolicy(config.accessTtl(), config.refreshTtl(), config.sessionMax())
                        .withRefreshReuseGrace(config.refreshReuseGrace())
                        .requiringVerifiedEmail(mail.requireVerifiedEmail()))
                .mailer(mailer)
                .oneTimeTokens(new JdbiOneTimeTokenRepository(database.jdbi()))
                .rateLimit(new JdbiRateLimit(database.jdbi()))
                .mailPolicy(mail.policy())
                .afterAnswer(afterAnswer)
                .clock(clock)
                .build();
        housekeeping = new Housekeeping(latchkey.purge(), audit, keyRotation, config.auditRetention(), clock);
    }

    static Wiring of(Config config) {
        return new Wiring(config);
    }

    /** The HTTP server, not started yet; answered requests are logged as AUTH_REQUEST_LOG says, and counted when metrics are on. */
    Javalin httpApi() {
        Consumer<AnsweredRequest> count = metrics.<Consumer<AnsweredRequest>>map(m -> m::answered).orElse(request -> { });
        HttpSettings settings = new HttpSettings(config.corsOrigins(), config.trustedProxies(),
                HttpSettings.defaults().maxBodyBytes(), config.shutdownTimeout(), config.requestLog());
        if (config.refreshCookie()) {
            settings = settings.withRefreshCookie(config.refreshTtl());
        }
        return HttpApi.create(latchkey, this::isReady, settings, count);
    }

    /**
     * Whether this instance should get traffic: the database takes requests and the instance is not
     * stopping. The signing keys were loaded when it was wired.
     */
    boolean isReady() {
        return !draining && database.isAvailable();
    }

    /** Stops saying ready, first thing of a stop, so that a load balancer sends traffic elsewhere. */
    void drain() {
        draining = true;
    }

    static DatabaseSettings databaseSettings(Config config) {
        return config.dbUrl()
                .map(url -> new DatabaseSettings(url, config.dbUser(), config.dbPassword(), config.dbPoolSize()))
                .orElseGet(() -> DatabaseSettings.h2File(config.dataDir()));
    }

    @Override
    public void close() {
        sessionEnds.ifPresent(PostgresSessionEndListener::close);
        // Work left by answered requests goes out before the database closes.
        afterAnswer.close();
        if (mailer instanceof QueuedMailer queued) {
            queued.close();
        }
        hasher.close();
        database.close();
    }
}
