package dev.latchkey.core;

import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.NimbusTokenIssuer;
import dev.latchkey.core.crypto.SigningKeys;
import dev.latchkey.core.domain.MailPolicy;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.SessionPolicy;
import dev.latchkey.core.memory.InMemoryAuditLog;
import dev.latchkey.core.memory.InMemoryLoginThrottle;
import dev.latchkey.core.memory.InMemoryMailer;
import dev.latchkey.core.memory.InMemoryOneTimeTokenRepository;
import dev.latchkey.core.memory.InMemoryRateLimit;
import dev.latchkey.core.memory.InMemorySessionRepository;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import dev.latchkey.core.memory.InMemoryUserRepository;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.Mailer;
import dev.latchkey.core.port.OneTimeTokenRepository;
import dev.latchkey.core.port.PasswordHasher;
import dev.latchkey.core.port.RateLimit;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.SigningKeyRepository;
import dev.latchkey.core.port.TokenIssuer;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Latchkey's use cases wired on their ports: how the server, the tests and embedders build it.
 * {@code Latchkey.builder().build()} runs in memory with the server's defaults; every part can be
 * replaced. This is the one class of the core that names its default adapters.
 */
public final class Latchkey {

    /** bcrypt cost of the default hasher, as the server's {@code AUTH_BCRYPT_COST}. */
    public static final int BCRYPT_COST = 12;
    /** Failures in a row before a login is slowed down, as the server's {@code AUTH_LOGIN_MAX_FAILURES}. */
    public static final int LOGIN_MAX_FAILURES = 5;
    /** Minimum password length, as the server's {@code AUTH_PASSWORD_MIN_LENGTH}. */
    public static final int PASSWORD_MIN_LENGTH = 8;
    /** Where the default link templates point: the account pages of a server run as the README runs it. */
    public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
    private static final Duration LONGEST_LOGIN_DELAY = Duration.ofMinutes(15);
    /** Failures in a row from one address across all accounts before it is slowed down too. */
    private static final int ADDRESS_FAILURE_FACTOR = 20;
    /** Throttle entries kept at most, per throttle: bounded memory under a spray of usernames. */
    private static final int THROTTLE_KEYS = 100_000;

    private final TokenIssuer tokens;
    private final Register register;
    private final LogIn logIn;
    private final Refresh refresh;
    private final Authenticate authenticate;
    private final LogOut logOut;
    private final ManageSessions sessions;
    private final CurrentUser currentUser;
    private final ChangePassword changePassword;
    private final DeactivateAccount deactivate;
    private final FindUser findUser;
    private final Purge purge;
    private final RequestPasswordReset requestPasswordReset;
    private final ResetPassword resetPassword;
    private final VerifyEmail verifyEmail;
    private final ResendVerification resendVerification;

    private Latchkey(Builder b) {
        Clock clock = b.clock;
        UserRepository users = b.users != null ? b.users : new InMemoryUserRepository();
        SessionRepository sessionStore = b.sessions != null ? b.sessions : new InMemorySessionRepository();
        SessionGate gate = b.gate != null ? b.gate : new RepositorySessionGate(sessionStore, users);
        PasswordHasher hasher = b.hasher != null ? b.hasher : new BcryptPasswordHasher(BCRYPT_COST);
        tokens = b.tokens != null ? b.tokens : new NimbusTokenIssuer(SigningKeys.stored("ES256",
                b.signingKeys != null ? b.signingKeys : new InMemorySigningKeyRepository(), clock), b.issuer, null, clock);
        AuditLog audit = b.audit != null ? b.audit : new InMemoryAuditLog();
        LoginThrottles throttles = b.throttles != null ? b.throttles : inMemoryThrottles(LOGIN_MAX_FAILURES);
        PasswordPolicy passwordPolicy = b.passwordPolicy != null ? b.passwordPolicy
                : new PasswordPolicy(PASSWORD_MIN_LENGTH, CommonPasswords.shipped());

        OneTimeLinks links = new OneTimeLinks(
                b.oneTimeTokens != null ? b.oneTimeTokens : new InMemoryOneTimeTokenRepository(),
                b.rateLimit != null ? b.rateLimit : new InMemoryRateLimit(),
                b.mailer != null ? b.mailer : new InMemoryMailer(),
                b.mailPolicy, audit, clock);

        PasswordCheck passwordCheck = new PasswordCheck(hasher, throttles, clock);
        NewPassword newPassword = new NewPassword(passwordPolicy, hasher);
        SessionTokens sessionTokens = new SessionTokens(sessionStore, tokens, b.sessionPolicy);
        SessionEnd sessionEnd = new SessionEnd(sessionStore, gate, audit);
        PasswordReplacement replacement = new PasswordReplacement(users, links, sessionEnd, passwordCheck);
        register = new Register(users, newPassword, audit, links, clock);
        logIn = new LogIn(users, passwordCheck, sessionTokens, audit, b.sessionPolicy.requireVerifiedEmail(), clock);
        authenticate = new Authenticate(tokens, gate, sessionStore, clock);
        refresh = new Refresh(authenticate, sessionTokens, sessionEnd, audit, clock);
        logOut = new LogOut(tokens, sessionEnd, audit, clock);
        sessions = new ManageSessions(sessionStore, sessionEnd, clock);
        currentUser = new CurrentUser(gate, clock);
        changePassword = new ChangePassword(users, passwordCheck, newPassword, replacement, audit, clock);
        deactivate = new DeactivateAccount(users, sessionEnd, links, audit, clock);
        findUser = new FindUser(users);
        purge = new Purge(sessionStore, links, clock);
        requestPasswordReset = new RequestPasswordReset(users, links, audit, b.afterAnswer, clock);
        resetPassword = new ResetPassword(users, links, newPassword, replacement, audit, clock);
        verifyEmail = new VerifyEmail(users, links, sessionEnd, audit, clock);
        resendVerification = new ResendVerification(users, links);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The in-memory login throttles of one process, as the server has them: {@code maxFailures} in a
     * row per account and address, twenty times as many per address, and the login's limit for wrong
     * current passwords on password change; waits double up to fifteen minutes.
     */
    public static LoginThrottles inMemoryThrottles(int maxFailures) {
        return new LoginThrottles(
                new InMemoryLoginThrottle(maxFailures, LONGEST_LOGIN_DELAY, THROTTLE_KEYS),
                new InMemoryLoginThrottle(maxFailures * ADDRESS_FAILURE_FACTOR, LONGEST_LOGIN_DELAY, THROTTLE_KEYS),
                new InMemoryLoginThrottle(maxFailures, LONGEST_LOGIN_DELAY, THROTTLE_KEYS));
    }

    public Register register() {
        return register;
    }

    public LogIn logIn() {
        return logIn;
    }

    public Refresh refresh() {
        return refresh;
    }

    public Authenticate authenticate() {
        return authenticate;
    }

    public LogOut logOut() {
        return logOut;
    }

    public ManageSessions sessions() {
        return sessions;
    }

    public CurrentUser currentUser() {
        return currentUser;
    }

    public ChangePassword changePassword() {
        return changePassword;
    }

    public DeactivateAccount deactivate() {
        return deactivate;
    }

    public FindUser findUser() {
        return findUser;
    }

    public Purge purge() {
        return purge;
    }

    public RequestPasswordReset requestPasswordReset() {
        return requestPasswordReset;
    }

    public ResetPassword resetPassword() {
        return resetPassword;
    }

    public VerifyEmail verifyEmail() {
        return verifyEmail;
    }

    public ResendVerification resendVerification() {
        return resendVerification;
    }

    /** The token issuer in use, e.g. to publish its public keys. */
    public TokenIssuer tokens() {
        return tokens;
    }

    /** Collects the parts to replace; what is not given is the default named on each method. */
    public static final class Builder {
        private UserRepository users;
        private SessionRepository sessions;
        private SessionGate gate;
        private PasswordHasher hasher;
        private TokenIssuer tokens;
        private SigningKeyRepository signingKeys;
        private String issuer = "latchkey";
        private AuditLog audit;
        private LoginThrottles throttles;
        private PasswordPolicy passwordPolicy;
        private SessionPolicy sessionPolicy = SessionPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private Mailer mailer;
        private OneTimeTokenRepository oneTimeTokens;
        private RateLimit rateLimit;
        private MailPolicy mailPolicy = MailPolicy.defaults(DEFAULT_PUBLIC_URL);
        private Executor afterAnswer = ForkJoinPool.commonPool();

        private Builder() {
        }

        /** Where accounts are kept; default in memory. */
        public Builder users(UserRepository repository) {
            this.users = repository;
            return this;
        }

        /** Where sessions are kept; default in memory. */
        public Builder sessions(SessionRepository repository) {
            this.sessions = repository;
            return this;
        }

        /** How an access token's session and user are checked; default asks the repositories every time. */
        public Builder gate(SessionGate sessionGate) {
            this.gate = sessionGate;
            return this;
        }

        /** How passwords are hashed; default bcrypt at cost {@value #BCRYPT_COST}. */
        public Builder hasher(PasswordHasher passwordHasher) {
            this.hasher = passwordHasher;
            return this;
        }

        /** How tokens are signed and checked; default ES256 with keys made and kept in {@link #signingKeys}. */
        public Builder tokens(TokenIssuer issuer) {
            this.tokens = issuer;
            return this;
        }

        /** Where the default token issuer keeps its keys; default in memory, new keys on every start. */
        public Builder signingKeys(SigningKeyRepository repository) {
            this.signingKeys = repository;
            return this;
        }

        /** The {@code iss} of the default token issuer; default {@code latchkey}. */
        public Builder issuer(String tokenIssuer) {
            this.issuer = tokenIssuer;
            return this;
        }

        /** Where the audit trail goes; default in memory. */
        public Builder audit(AuditLog log) {
            this.audit = log;
            return this;
        }

        /** How password guessing is slowed; default {@link #inMemoryThrottles} of {@value #LOGIN_MAX_FAILURES}. */
        public Builder throttles(LoginThrottles loginThrottles) {
            this.throttles = loginThrottles;
            return this;
        }

        /** The rules of new passwords; default {@value #PASSWORD_MIN_LENGTH} characters and the shipped common passwords. */
        public Builder passwordPolicy(PasswordPolicy policy) {
            this.passwordPolicy = policy;
            return this;
        }

        /** Token and session lifetimes; default {@link SessionPolicy#defaults()}. */
        public Builder sessionPolicy(SessionPolicy policy) {
            this.sessionPolicy = policy;
            return this;
        }

        /** The time; default the system's clock in UTC. */
        public Builder clock(Clock time) {
            this.clock = time;
            return this;
        }

        /**
         * How messages (verification and reset links) leave; default an {@link InMemoryMailer} that keeps
         * the latest ones and sends nothing. Give one that delivers them for real use.
         */
        public Builder mailer(Mailer mail) {
            this.mailer = mail;
            return this;
        }

        /** Where the hashes of one-time link tokens are kept; default in memory. */
        public Builder oneTimeTokens(OneTimeTokenRepository repository) {
            this.oneTimeTokens = repository;
            return this;
        }

        /** Where mail per account and reset requests per client address are counted; default in memory. */
        public Builder rateLimit(RateLimit limit) {
            this.rateLimit = limit;
            return this;
        }

        /**
         * Link lifetimes, hourly limits and link templates; default {@link MailPolicy#defaults} with links
         * to the pages of a server at {@value #DEFAULT_PUBLIC_URL}.
         */
        public Builder mailPolicy(MailPolicy policy) {
            this.mailPolicy = policy;
            return this;
        }

        /**
         * Runs the part of a reset request that depends on the account once the request is answered, so
         * that timing tells no known address from an unknown one; default the common fork-join pool.
         */
        public Builder afterAnswer(Executor executor) {
            this.afterAnswer = executor;
            return this;
        }

        public Latchkey build() {
            return new Latchkey(this);
        }
    }
}
