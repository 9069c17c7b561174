package dev.latchkey.core;

import com.nimbusds.jose.JWSAlgorithm;
import dev.latchkey.core.crypto.BcryptPasswordHasher;
import dev.latchkey.core.crypto.NimbusTokenIssuer;
import dev.latchkey.core.crypto.SigningKeys;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.Credentials;
import dev.latchkey.core.domain.PasswordPolicy;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.SessionPolicy;
import dev.latchkey.core.domain.TokenPair;
import dev.latchkey.core.domain.TokenType;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.MailMessage;
import dev.latchkey.core.domain.MailPolicy;
import dev.latchkey.core.memory.InMemoryAuditLog;
import dev.latchkey.core.memory.InMemoryMailer;
import dev.latchkey.core.memory.InMemoryOneTimeTokenRepository;
import dev.latchkey.core.memory.InMemorySessionRepository;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import dev.latchkey.core.memory.InMemoryUserRepository;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.PasswordHasher;
import dev.latchkey.core.port.UserRepository;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Latchkey} as its builder makes it, on the in-memory adapters, with a clock the test moves,
 * bcrypt at cost 4 and the throttles' defaults. Each test builds its own.
 */
final class CoreFixture {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String PASSWORD = "correct-horse-battery";
    static final String ISSUER = "https://auth.example.test";
    static final ClientInfo CLIENT = new ClientInfo("192.0.2.10", "curl/8.5");
    static final int MAX_FAILURES = Latchkey.LOGIN_MAX_FAILURES;
    /** Immutable, so one copy serves every test; reading the shipped list each time would be slow. */
    static final PasswordPolicy PASSWORD_POLICY = new PasswordPolicy(8, CommonPasswords.shipped());
    static final MailPolicy MAIL_POLICY = MailPolicy.defaults("https://auth.example.test");

    final MutableClock clock;
    final UserRepository users;
    final InMemorySessionRepository sessionStore;
    final PasswordHasher hasher;
    final NimbusTokenIssuer tokens;
    /** Every event the use cases recorded, unless the builder was given another audit log. */
    final InMemoryAuditLog audit;
    final Latchkey latchkey;
    /** Every message the use cases sent. */
    final InMemoryMailer mailer;
    final InMemoryOneTimeTokenRepository oneTimeTokens;
    final RequestPasswordReset requestPasswordReset;
    final ResetPassword resetPassword;
    final VerifyEmail verifyEmail;
    final ResendVerification resendVerification;

    private CoreFixture(Builder b) {
        clock = MutableClock.at(T0);
        users = b.users;
        sessionStore = new InMemorySessionRepository();
        hasher = b.hasher;
        audit = new InMemoryAuditLog();
        tokens = new NimbusTokenIssuer(
                SigningKeys.stored(JWSAlgorithm.ES256, new InMemorySigningKeyRepository(), clock), ISSUER, null, clock);
        mailer = new InMemoryMailer();
        oneTimeTokens = new InMemoryOneTimeTokenRepository();
        latchkey = Latchkey.builder()
                .users(users)
                .sessions(sessionStore)
                .hasher(hasher)
                .tokens(tokens)
                .audit(b.audit == null ? audit : b.audit)
                .passwordPolicy(PASSWORD_POLICY)
                .sessionPolicy(b.policy)
                .mailer(mailer)
                .oneTimeTokens(oneTimeTokens)
                .mailPolicy(MAIL_POLICY)
                .afterAnswer(Runnable::run)
                .clock(clock)
                .build();
        requestPasswordReset = latchkey.requestPasswordReset();
        resetPassword = latchkey.resetPassword();
        verifyEmail = latchkey.verifyEmail();
        resendVerification = latchkey.resendVerification();
    }

    static CoreFixture create() {
        return builder().build();
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private UserRepository users = new InMemoryUserRepository();
        private PasswordHasher hasher = new BcryptPasswordHasher(4);
        private AuditLog audit;
        private SessionPolicy policy = SessionPolicy.defaults();

        Builder users(UserRepository repository) {
            this.users = repository;
            return this;
        }

        Builder hasher(PasswordHasher passwordHasher) {
            this.hasher = passwordHasher;
            return this;
        }

        /** Records events in {@code log} instead of the fixture's in-memory one, e.g. a failing one. */
        Builder audit(AuditLog log) {
            this.audit = log;
            return this;
        }

        Builder sessionPolicy(SessionPolicy sessionPolicy) {
            this.policy = sessionPolicy;
            return this;
        }

        Builder requireVerifiedEmail() {
            this.policy = policy.requiringVerifiedEmail(true);
            return this;
        }

        CoreFixture build() {
            return new CoreFixture(this);
        }
    }

    /** Registers {@code username} with e-mail {@code <username>@example.com} and {@link #PASSWORD}. */
    User register(String username) {
        return latchkey.register().register(new Registration(username, username + "@example.com", PASSWORD, PASSWORD), CLIENT);
    }

    /** The token in the newest link mailed to {@code address}. */
    String lastLinkTokenTo(String address) {
        List<MailMessage> messages = mailer.sentTo(address);
        assertThat(messages).as("messages to %s", address).isNotEmpty();
        Matcher link = Pattern.compile("#token=([A-Za-z0-9_-]+)").matcher(messages.get(messages.size() - 1).text());
        assertThat(link.find()).as("a link in the message to %s", address).isTrue();
        return link.group(1);
    }

    TokenPair logIn(String login) {
        return logIn(login, PASSWORD);
    }

    TokenPair logIn(String login, String password) {
        return latchkey.logIn().logIn(new Credentials(login, password), CLIENT);
    }

    /** The caller an endpoint would see for this pair's access token. */
    Caller caller(TokenPair pair) {
        return latchkey.authenticate().caller(pair.access());
    }

    String sessionIdOf(TokenPair pair) {
        return tokens.verify(pair.refresh(), TokenType.REFRESH).sessionId();
    }
}
