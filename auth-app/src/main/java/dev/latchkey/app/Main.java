package dev.latchkey.app;

import dev.latchkey.core.domain.AuthFailure;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Starts Latchkey: {@link Cli} reads the command line, and {@link #serve} runs the server.
 */
public final class Main {

    private static final long KEY_RELOAD_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Supplier<Config> settings = Cli.fromEnvironment();
        // Plain `java -jar` serves without building the command model: picocli's classes are too old
        // for the class-data archive and cost start-up about 0.2 s to load and verify.
        System.exit(args.length == 0 ? Cli.serve(settings) : Cli.commandLine(settings, System.in).execute(args));
    }

    /** Starts the server and returns once it listens; a shutdown hook stops it gracefully. */
    static Running serve(Config config) {
        answerJettysMemoryQuestion();
        Wiring wiring = Wiring.of(config);
        Javalin app = wiring.httpApi();
        MetricsServer metricsServer = null;
        try {
            app.start(config.host(), config.port());
            if (wiring.metrics.isPresent()) {
                wiring.metrics.get().bindRequestsInFlight(app);
                metricsServer = MetricsServer.start(config.host(), config.metricsPort().orElseThrow(), wiring.metrics.get());
            }
        } catch (RuntimeException e) {
            try {
                app.stop();
                wiring.close();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-chores");
            t.setDaemon(true);
            return t;
        });
        long purgeSeconds = config.purgeInterval().toSeconds();
        chores.scheduleWithFixedDelay(() -> quietly("purge", () -> wiring.housekeeping.purge(false)),
                purgeSeconds, purgeSeconds, TimeUnit.SECONDS);
        if (wiring.keyRotation.applies()) {
            // Another instance may have rotated the keys; pick the new current key up.
            chores.scheduleWithFixedDelay(() -> quietly("key reload", wiring.keyRotation::reload),
                    KEY_RELOAD_SECONDS, KEY_RELOAD_SECONDS, TimeUnit.SECONDS);
        }
        Running running = new Running(app, wiring, chores, metricsServer);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "latchkey-shutdown"));
        log.info("Latchkey listening on {}:{} ({}; {}){}", config.host(), app.port(),
                config.usesPostgres() ? "PostgreSQL" : "H2 under " + config.dataDir().toAbsolutePath(),
                wiring.crypto.summary(),
                metricsServer == null ? "" : "; metrics on port " + metricsServer.port());
        // Loaded now that the server listens: the JDK signs and verifies until then.
        wiring.crypto.startLoadingAwsLc();
        if (!wiring.crypto.ecdsa().isDone()) {
            wiring.crypto.ecdsa().thenAccept(by -> log.info("ES256 now by {}", by));
        }
        return running;
    }

    /**
     * Jetty sizes some padding by how many object references fit in a cache line, and unless told
     * it asks the JVM over JMX, which starts the platform MBean server (about 80 ms of start-up).
     * References are 4 bytes with compressed pointers, which the JVM uses for heaps under 32 GiB.
     */
    private static void answerJettysMemoryQuestion() {
        String property = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(property) == null) {
            boolean compressed = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
            System.setProperty(property, compressed ? "16" : "8");
        }
    }

    private static void quietly(String what, Runnable job) {
        try {
            job.run();
        } catch (AuthFailure.Unavailable e) {
            // The database is out: that episode is logged once where it is noticed.
            log.debug("{} skipped: {}", what, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} failed; will try again", what, e);
        }
    }

    /**
     * A started server. {@link #stop} stops saying ready, stops taking connections, lets the requests in flight finish
     * (up to {@code AUTH_SHUTDOWN_TIMEOUT}), then closes the pool; calling it again does nothing.
     */
    static final class Running {

        private final Javalin app;
        private final Wiring wiring;
        private final ScheduledExecutorService chores;
        private final MetricsServer metricsServer;
        private final CountDownLatch stopped = new CountDownLatch(1);

        private Running(Javalin app, Wiring wiring, ScheduledExecutorService chores, MetricsServer metricsServer) {
            this.app = app;
            this.wiring = wiring;
            this.chores = chores;
            this.metricsServer = metricsServer;
        }

        int port() {
            return app.port();
        }

        /** The port of {@code /metrics}, when metrics are on. */
        OptionalInt metricsPort() {
            return metricsServer == null ? OptionalInt.empty() : OptionalInt.of(metricsServer.port());
        }

        /** The parts this server runs on, for commands run in this process. */
        Wiring wiring() {
            return wiring;
        }

        synchronized void stop() {
            if (stopped.getCount() == 0) {
                return;
            }
            log.info("Latchkey stopping: finishing requests in flight");
            wiring.drain();
            try {
                chores.shutdownNow();
                app.stop();
            } catch (RuntimeException e) {
                log.warn("the HTTP server did not stop cleanly", e);
            } finally {
                if (metricsServer != null) {
                    metricsServer.close();
                }
                wiring.close();
                // Said before the count-down: the main thread exits as soon as it sees it.
                log.info("Latchkey stopped");
                stopped.countDown();
            }
        }

        /** Blocks until {@link #stop} has finished. */
        void awaitStopped() {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
