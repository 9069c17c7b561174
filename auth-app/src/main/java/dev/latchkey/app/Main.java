package dev.latchkey.app;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts Latchkey. {@code serve} (the default) runs the server; the other commands do one job on the
 * same database and exit: {@code migrate}, {@code rotate-keys}, {@code purge}.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final long KEY_RELOAD_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            System.out.println(usage());
            System.exit(EXIT_OK);
        }
        Config config;
        try {
            config = Config.fromEnvironment();
        } catch (Config.BadSetting e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            switch (command) {
                case "serve" -> serve(config);
                case "migrate" -> runOnce(config, wiring -> System.out.println("Database is migrated."));
                case "rotate-keys" -> runOnce(config, wiring -> {
                    String kid = wiring.keys.rotate();
                    int dropped = wiring.keys.dropRetired(config.longestTokenLifetime());
                    System.out.println("New signing key " + kid + " is current; " + dropped + " expired key(s) dropped.");
                });
                case "purge" -> runOnce(config, wiring -> {
                    int sessions = wiring.sessions.purge();
                    int keys = wiring.keys.algorithm().getName().equals("HS256")
                            ? 0 : wiring.keys.dropRetired(config.longestTokenLifetime());
                    System.out.println("Purged " + sessions + " session(s) and " + keys + " signing key(s).");
                });
                default -> {
                    System.err.println("Unknown command '" + command + "'.\n" + usage());
                    System.exit(EXIT_USAGE);
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("Latchkey could not {}", command, e);
            System.exit(EXIT_FAILED);
        }
    }

    private static String usage() {
        return """
                Usage: java -jar auth-app.jar [command]
                  serve        run the server (default)
                  migrate      migrate the database schema and exit
                  rotate-keys  make a new signing key current for every instance and exit
                  purge        delete ended and expired sessions and expired keys, and exit
                Settings come from AUTH_* environment variables; see docs/configuration.md.""";
    }

    private static void runOnce(Config config, java.util.function.Consumer<Wiring> job) {
        try (Wiring wiring = Wiring.of(config)) {
            job.accept(wiring);
        }
    }

    /** Starts the server and returns once it listens; a shutdown hook stops it gracefully. */
    static Running serve(Config config) {
        Wiring wiring = Wiring.of(config);
        Javalin app = wiring.httpApi();
        app.start(config.host(), config.port());
        ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-chores");
            t.setDaemon(true);
            return t;
        });
        long purgeSeconds = config.purgeInterval().toSeconds();
        chores.scheduleWithFixedDelay(() -> quietly("purge", () -> wiring.sessions.purge()),
                purgeSeconds, purgeSeconds, TimeUnit.SECONDS);
        if (!config.jwtAlgorithm().equals("HS256")) {
            // Another instance may have rotated the keys; pick the new current key up.
            chores.scheduleWithFixedDelay(() -> quietly("key reload", wiring.keys::reload),
                    KEY_RELOAD_SECONDS, KEY_RELOAD_SECONDS, TimeUnit.SECONDS);
        }
        Running running = new Running(app, wiring, chores);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "latchkey-shutdown"));
        log.info("Latchkey listening on {}:{} ({})", config.host(), app.port(),
                config.usesPostgres() ? "PostgreSQL" : "H2 under " + config.dataDir().toAbsolutePath());
        return running;
    }

    private static void quietly(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; will try again", what, e);
        }
    }

    /** A started server; {@link #stop} finishes in-flight requests, then closes the pool. */
    record Running(Javalin app, Wiring wiring, ScheduledExecutorService chores) {

        int port() {
            return app.port();
        }

        synchronized void stop() {
            chores.shutdownNow();
            app.stop();
            wiring.close();
        }
    }
}
