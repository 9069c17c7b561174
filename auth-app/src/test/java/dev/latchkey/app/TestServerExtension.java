package dev.latchkey.app;

import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * One {@link TestServer} for all tests of a class, its {@code @Nested} classes included: started
 * before the first test (and before the class's own {@code @BeforeAll}), stopped after the last.
 * Declare it, and a client for it, as static fields; a class that needs other settings than the test
 * defaults names them here:
 * <pre>{@code
 * @RegisterExtension
 * static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_JWT_ALG", "HS256", ...));
 * private static final Api api = server.api();
 * }</pre>
 * Public for the adversarial tests, which also forge tokens with its signing key.
 */
public final class TestServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> env;
    private final Api api = new Api(this::port);
    private TestServer server;
    /** The class the server was started for; its nested classes get these callbacks too and leave it alone. */
    private String owner;

    /** A server with the test defaults of {@link TestServer}. */
    public TestServerExtension() {
        this(Map.of());
    }

    private TestServerExtension(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A server whose environment adds {@code env} to, or overrides with it, the test defaults. */
    public static TestServerExtension with(Map<String, String> env) {
        return new TestServerExtension(env);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = TestServer.start(env);
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null && context.getUniqueId().equals(owner)) {
            server.stop();
            server = null;
        }
    }

    /** A client for the server; usable once the server has started, that is in any test. */
    public Api api() {
        return api;
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("no server running: register TestServerExtension as a static @RegisterExtension field");
        }
        return server.port();
    }

    /** The key new tokens are signed with, private part included: to forge tokens that differ in one way. */
    public JWK signingKey() {
        return running().wiring().keys.current();
    }

    /** Deactivates a user as the {@code deactivate-user} command does in the server's process (no HTTP endpoint does). */
    public void deactivate(String username) {
        CliRunner.Result result = CliRunner.on(server).run("deactivate-user", "--username", username);
        if (result.status() != 0) {
            throw new IllegalStateException("deactivate-user " + username + " failed: " + result.err());
        }
    }

    /** The running server itself, for tests that reach into its parts. */
    Main.Running running() {
        port();
        return server.running();
    }
}
