package dev.latchkey.app;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} with the test defaults for all tests of a class, its {@code @Nested} classes
 * included: started before the first test, stopped after the last. Declare it, and a client for it, as
 * static fields:
 * <pre>{@code
 * @RegisterExtension
 * static final TestServerExtension server = new TestServerExtension();
 * private static final Api api = server.api();
 * }</pre>
 */
final class TestServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Api api = new Api(this::port);
    private TestServer server;
    /** The class the server was started for; its nested classes get these callbacks too and leave it alone. */
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = TestServer.start();
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
    Api api() {
        return api;
    }

    private int port() {
        if (server == null) {
            throw new IllegalStateException("no server running: register TestServerExtension as a static @RegisterExtension field");
        }
        return server.port();
    }
}
