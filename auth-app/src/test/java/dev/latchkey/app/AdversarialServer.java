package dev.latchkey.app;

import com.nimbusds.jose.jwk.JWK;

import java.util.Map;

/**
 * Opens {@link TestServer} to the adversarial tests in {@code dev.latchkey.app.adversarial}: a real
 * server on a free port, its current signing key (to forge tokens that differ from a genuine one in
 * exactly one way), and deactivation of a user, which has no HTTP endpoint.
 */
public final class AdversarialServer implements AutoCloseable {

    private final TestServer server;

    private AdversarialServer(TestServer server) {
        this.server = server;
    }

    /** Starts a server; {@code env} adds to or overrides the test defaults of {@link TestServer}. */
    public static AdversarialServer start(Map<String, String> env) {
        return new AdversarialServer(TestServer.start(env));
    }

    public int port() {
        return server.port();
    }

    /** The key new tokens are signed with, private part included. */
    public JWK signingKey() {
        return server.running().wiring().keys.current();
    }

    /** Deactivates a user as the {@code deactivate-user} command does in the server's process. */
    public void deactivate(String username) {
        CliRunner.Result result = CliRunner.on(server).run("deactivate-user", "--username", username);
        if (result.status() != 0) {
            throw new IllegalStateException("deactivate-user " + username + " failed: " + result.err());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
