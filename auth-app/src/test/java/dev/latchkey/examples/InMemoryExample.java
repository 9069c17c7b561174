package dev.latchkey.examples;

import com.nimbusds.jose.JWSAlgorithm;
import dev.latchkey.core.Accounts;
import dev.latchkey.core.CommonPasswords;
import dev.latchkey.core.RepositorySessionGate;
import dev.latchkey.core.Sessions;
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
import dev.latchkey.core.memory.InMemoryAuditLog;
import dev.latchkey.core.memory.InMemoryLoginThrottle;
import dev.latchkey.core.memory.InMemorySessionRepository;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import dev.latchkey.core.memory.InMemoryUserRepository;
import dev.latchkey.core.port.SessionGate;
import dev.latchkey.core.port.SessionRepository;
import dev.latchkey.core.port.SigningKeyRepository;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Duration;

/** Latchkey's core in a plain Java program: no database, no web framework. */
public final class InMemoryExample {

    /** The use cases, wired on whatever repositories the caller has. */
    record Latchkey(Accounts accounts, Sessions sessions) {

        static Latchkey on(UserRepository users, SessionRepository sessionStore, SigningKeyRepository keys) {
            Clock clock = Clock.systemUTC();
            var hasher = new BcryptPasswordHasher(10);
            var tokens = new NimbusTokenIssuer(SigningKeys.stored(JWSAlgorithm.ES256, keys, clock), "my-app", null, clock);
            SessionGate gate = new RepositorySessionGate(sessionStore, users);
            var audit = new InMemoryAuditLog();
            var throttles = new Sessions.LoginThrottles(
                    new InMemoryLoginThrottle(5, Duration.ofMinutes(15), 10_000),
                    new InMemoryLoginThrottle(100, Duration.ofMinutes(15), 10_000));
            var accounts = new Accounts(users, sessionStore, gate, hasher,
                    new PasswordPolicy(8, CommonPasswords.shipped()),
                    new InMemoryLoginThrottle(5, Duration.ofMinutes(15), 10_000), audit, clock);
            var sessions = new Sessions(users, sessionStore, gate, hasher, tokens, throttles,
                    SessionPolicy.defaults(), audit, clock);
            return new Latchkey(accounts, sessions);
        }

        /** Register, log in, use the access token, refresh, log out; returns who the token named. */
        String walkThrough() {
            ClientInfo client = new ClientInfo("127.0.0.1", "example/1.0");
            accounts.register(new Registration("alice", "alice@example.com", "correct-horse-7", "correct-horse-7"), client);
            TokenPair pair = sessions.logIn(new Credentials("alice", "correct-horse-7"), client);
            Caller caller = sessions.authenticate(pair.access());
            String name = accounts.currentUser(caller).username().value();
            TokenPair next = sessions.refresh(pair.refresh(), client);
            sessions.logOut(sessions.authenticate(next.access()), next.refresh(), client);
            return name;
        }
    }

    public static void main(String[] args) {
        Latchkey latchkey = Latchkey.on(new InMemoryUserRepository(), new InMemorySessionRepository(),
                new InMemorySigningKeyRepository());
        System.out.println("logged in and out as " + latchkey.walkThrough());
    }
}
