package dev.latchkey.app;

import com.nimbusds.jose.JWSAlgorithm;
import dev.latchkey.core.Accounts;
import dev.latchkey.core.CommonPasswords;
import dev.latchkey.core.RepositorySessionGate;
import dev.latchkey.core.Sessions;
import dev.latchkey.core.cache.CachedSessionGate;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.BoundedPasswordHasher;
import dev.latchkey.core.crypto.NimbusTokenIssuer;
import dev.latchkey.core.crypto.SigningKeys;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.SessionPolicy;
import dev.latchkey.core.memory.InMemoryLoginThrottle;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.TokenIssuer;
import dev.latchkey.core.port.UserRepository;
import dev.latchkey.http.HttpApi;
import dev.latchkey.http.HttpSettings;
import dev.latchkey.jdbi.Database;
import dev.latchkey.jdbi.DatabaseSettings;
import dev.latchkey.jdbi.JdbiSessionRepository;
import dev.latchkey.jdbi.JdbiSigningKeyRepository;
import dev.latchkey.jdbi.JdbiUserRepository;
import io.javalin.Javalin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds Latchkey from its parts with plain constructors, in order: storage, keys, hashing, the use
 * cases, then HTTP. Reading this class top to bottom is reading the architecture.
 */
final class Wiring implements AutoCloseable {

    /** Throttle entries kept at most, per throttle: bounded memory under a spray of usernames. */
    private static final int THROTTLE_KEYS = 100_000;
    private static final Duration LONGEST_LOGIN_DELAY = Duration.ofMinutes(15);
    /** Failures in a row from one address across all accounts before it is slowed down too. */
    private static final int ADDRESS_FAILURE_FACTOR = 20;

    final Database database;
    final SigningKeys keys;
    final Accounts accounts;
    final Sessions sessions;
    final CachedSessionGate gate;
    private final TokenIssuer tokens;
    private final BoundedPasswordHasher hasher;
    private final Config config;

    private Wiring(Config config) {
        this.config = config;
        Clock clock = Clock.systemUTC();

        database = Database.open(databaseSettings(config));
        UserRepository users = new JdbiUserRepository(database.jdbi());
        SessionRepository sessionStore = new JdbiSessionRepository(database.jdbi());

        keys = config.jwtSecret().isPresent()
                ? SigningKeys.sharedSecret(config.jwtSecret().get().getBytes(StandardCharsets.UTF_8))
                : SigningKeys.stored(JWSAlgorithm.parse(config.jwtAlgorithm()),
                        new JdbiSigningKeyRepository(database.jdbi()), clock);
        TokenIssuer tokens = new NimbusTokenIssuer(keys, config.issuer(), config.audience().orElse(null), clock);

        hasher = new BoundedPasswordHasher(new BcryptPasswordHasher(config.bcryptCost()),
                config.hashThreads(), config.hashQueue());
        gate = new CachedSessionGate(new RepositorySessionGate(sessionStore, users), config.sessionCacheTtl(), 100_000);
        PasswordPolicy passwordPolicy = new PasswordPolicy(config.passwordMinLength(), CommonPasswords.shipped());
        Sessions.LoginThrottles throttles = new Sessions.LoginThrottles(
                new InMemoryLoginThrottle(config.loginMaxFailures(), LONGEST_LOGIN_DELAY, THROTTLE_KEYS),
                new InMemoryLoginThrottle(config.loginMaxFailures() * ADDRESS_FAILURE_FACTOR, LONGEST_LOGIN_DELAY, THROTTLE_KEYS));

        accounts = new Accounts(users, sessionStore, gate, hasher, passwordPolicy, clock);
        sessions = new Sessions(users, sessionStore, gate, hasher, tokens, throttles,
                new SessionPolicy(config.accessTtl(), config.refreshTtl(), config.sessionMax()), clock);
        this.tokens = tokens;
    }

    static Wiring of(Config config) {
        return new Wiring(config);
    }

    /** The HTTP server, not started yet. */
    Javalin httpApi() {
        return HttpApi.create(accounts, sessions, tokens, database::isReachable,
                new HttpSettings(config.corsOrigins(), config.trustedProxies(), HttpSettings.defaults().maxBodyBytes()));
    }

    static DatabaseSettings databaseSettings(Config config) {
        return config.dbUrl()
                .map(url -> new DatabaseSettings(url, config.dbUser(), config.dbPassword(), config.dbPoolSize()))
                .orElseGet(() -> DatabaseSettings.h2File(config.dataDir()));
    }

    @Override
    public void close() {
        hasher.close();
        database.close();
    }
}
