package dev.latchkey.app;

import java.util.Map;

/** Opens {@link TestServer} to the adversarial test package: a real server, and an HTTP client for it. */
public final class AdversarialServer implements AutoCloseable {

    private final TestServer server;

    private AdversarialServer(TestServer server) {
        this.server = server;
    }

    public static AdversarialServer start(Map<String, String> env) {
        return new AdversarialServer(TestServer.start(env));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
